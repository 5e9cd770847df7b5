// PostGraphile as its documentation recommends it (the Amber preset), on the benchmark database,
// exposing the tables in `public` plus the few SQL functions in `bench_api` (functions.ts) that
// answer questions about derived status. Started by bench/run.ts through postgraphile's cli-run.js.
const { PostGraphileAmberPreset } = require('postgraphile/presets/amber');
const { makePgService } = require('postgraphile/adaptors/pg');

module.exports = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public', 'bench_api'],
      // The same pool size as the tracker and the floor server.
      poolConfig: { max: Number(process.env.POOL_SIZE ?? 10), application_name: 'bench-postgraphile' },
    }),
  ],
  grafserv: { port: Number(process.env.PORT ?? 5678), host: '127.0.0.1', graphiql: false },
  grafast: { explain: false },
};
