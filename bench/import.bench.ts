import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createDataSource } from '../src/db/data-source';
import { prepareDatabase } from '../src/db/prepare';
import { createClock } from '../src/domain/clock';
import { runImport } from '../src/imports/import.service';
import { createLogger } from '../src/logger';
import { intFlag, parseFlags } from './support/args';
import { openBenchCluster, withMaintenanceClient } from './support/bench-database';

/**
 * `npm run bench:import [-- --rows 10000]`: how long the CSV import of commitments takes, as
 * POST /import/commitments.csv runs it (the same service, in one transaction): a dry run, the real
 * import into a freshly migrated and seeded database, and the same file again (all unchanged).
 * Rows: 75% one-off with a due date, 20% undated, 5% recurring monthly for a year; two parties
 * each; one engagement and two sources each, from 100 engagements and 500 sources imported first.
 * The target: 10,000 rows in under 30 s. The database is `tracker_bench_import` on the bench
 * cluster (see bench/README.md), dropped and recreated at each run. Not part of `npm test`.
 */
const DATABASE = 'tracker_bench_import';
const ACTOR = { name: 'bench', role: 'EDITOR' as const };
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function files(rows: number) {
  const engagements = ['external_id,title,held_on,location', ...Array.from({ length: 100 }, (_, i) => `e-${i},Meeting ${i},2026-01-${String((i % 28) + 1).padStart(2, '0')},Capital ${i % 7}`)];
  const sources = ['external_id,title,outlet,url,published_on', ...Array.from({ length: 500 }, (_, i) => `s-${i},Report ${i},Outlet ${i % 20},https://example.org/${i},2026-01-10`)];
  const commitments = ['external_id,title,party_codes,description,engagement_external_id,due_date,recurrence,starts_on,source_external_ids'];
  for (let i = 0; i < rows; i++) {
    const kind = i % 20;
    const schedule = kind === 0 ? ',FREQ=MONTHLY;COUNT=12,2026-02-01' : kind < 5 ? ',,' : `2026-${String((i % 12) + 1).padStart(2, '0')}-15,,`;
    commitments.push(`c-${i},${quote(`Commitment number ${i}, with a comma`)},PK; CN,Described at length ${i},e-${i % 100},${schedule},s-${i % 500}; s-${(i * 7) % 500}`);
  }
  return { engagements: engagements.join('\n'), sources: sources.join('\n'), commitments: commitments.join('\n') };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['rows']);
  const rows = intFlag(flags, 'rows', 10_000);
  const cluster = await openBenchCluster();
  await withMaintenanceClient(cluster, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DATABASE}`);
  });
  const db = await createDataSource({ url: cluster.databaseUrl(DATABASE), statementTimeoutMs: 600_000 }).initialize();
  const clock = createClock({ start: new Date('2026-04-15T10:00:00Z'), timeZone: 'UTC' });
  const services = { db, clock, config: { dueSoonDays: 14 } };
  try {
    await prepareDatabase(db, clock, createLogger('silent'), 'always');
    const f = files(rows);
    const bytes = Buffer.from(f.commitments, 'utf8');
    for (const kind of ['engagements', 'sources'] as const) {
      const r = await runImport(services, ACTOR, kind, Buffer.from(f[kind]), { dryRun: false });
      if (r.errors.length) throw new Error(`${kind}: ${JSON.stringify(r.errors.slice(0, 3))}`);
    }
    console.log(`commitments file: ${rows} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB; node ${process.version}`);
    for (const [label, dryRun] of [['dry run', true], ['import', false], ['same file again', false]] as const) {
      const start = performance.now();
      const r = await runImport(services, ACTOR, 'commitments', bytes, { dryRun });
      const seconds = (performance.now() - start) / 1000;
      if (r.errors.length) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
      console.log(
        `${label.padEnd(16)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / seconds).toString().padStart(7)} rows/s  ` +
          `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}; rss ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`,
      );
    }
    const [{ followups, events }] = await db.query(`SELECT (SELECT count(*) FROM follow_up)::int AS followups, (SELECT count(*) FROM commitment_event)::int AS events`);
    console.log(`database now holds ${followups} follow-ups and ${events} events`);
  } finally {
    await db.destroy();
    await cluster.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
