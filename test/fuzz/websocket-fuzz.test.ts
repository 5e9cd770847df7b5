import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createClock } from '../../src/domain/clock';
import { buildApiSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { RunningServer, startServer } from '../../src/server';
import { seedDatabase } from '../../seeds/seed';
import { createTestDatabase, TestDatabase } from '../support/database';
import { codesOf, GraphqlWsMessage, openRawSocket, RawSocket } from '../support/raw-graphql-ws';
import { deepVariablesJson, mangled, operationNamePair, queryDocument, Samples, scalarValues } from './graphql-arbitraries';

/**
 * The read fuzz over the WebSocket transport: random, malformed and hostile operations sent as
 * graphql-ws subscribe messages. Whatever arrives, the answer is a `next` or `error` message with a
 * caller-facing code (never INTERNAL_SERVER_ERROR), the same codes HTTP gives, nothing is logged
 * at error level, and the server stays up. A payload the protocol itself cannot carry (a query
 * that is not a string) closes the socket with 4400, as graphql-ws specifies; the fuzz then
 * reconnects.
 */
const ALLOWED_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES', 'UNAUTHENTICATED', 'FORBIDDEN',
]);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const BATCH = 5;
const batch = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: BATCH, maxLength: BATCH });
jest.setTimeout(300_000);

let database: TestDatabase;
let server: RunningServer;
let schema: GraphQLSchema;
let samples: Samples;
let socket: RawSocket;
const logged: { level: number; msg: string }[] = [];
const seen = { operations: 0, codes: new Map<string, number>(), protocolCloses: 0 };
let nextId = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const clock = createClock({ timeZone: 'UTC' });
  await seedDatabase(database.db, clock);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' });
  server = await startServer({ db: database.db, config, clock, log: createLogger('warn', sink) }, 0);
  schema = await buildApiSchema();
  socket = await openRawSocket(server.url.replace(/^http/, 'ws'));
  const { payload } = await socket.operation('samples', {
    query: '{ parties { id code } commitments(first: 5) { edges { cursor node { id followUps(first: 3) { edges { cursor node { id } } } } } } }',
  });
  const commitments = payload.data.commitments.edges;
  const followUps = commitments.flatMap((e: any) => e.node.followUps.edges);
  samples = {
    ids: [...payload.data.parties.map((p: any) => p.id), ...commitments.map((e: any) => e.node.id), ...followUps.map((e: any) => e.node.id)],
    cursors: [...commitments.map((e: any) => e.cursor), ...followUps.map((e: any) => e.cursor)],
    partyCodes: payload.data.parties.map((p: any) => p.code),
  };
});
afterAll(async () => {
  await socket?.close();
  await server?.stop();
  await database?.drop();
});

/** Sends one operation and checks its answer. */
async function send(payload: Record<string, unknown> | string): Promise<void> {
  const id = `f${nextId++}`;
  const answer: GraphqlWsMessage = await socket.operation(id, payload, 30_000);
  seen.operations += 1;
  const context = `${typeof payload === 'string' ? payload.slice(0, 300) : JSON.stringify(payload).slice(0, 300)}\n→ ${JSON.stringify(answer).slice(0, 500)}`;
  if (answer.type === 'closed') {
    if (answer.payload.code !== 4400) throw new Error(`socket closed with ${answer.payload.code}: ${context}`);
    seen.protocolCloses += 1;
    socket = await openRawSocket(server.url.replace(/^http/, 'ws'));
    return;
  }
  if (answer.type === 'next' && !('data' in answer.payload) && !answer.payload.errors?.length) throw new Error(`neither data nor errors: ${context}`);
  for (const code of codesOf(answer)) {
    seen.codes.set(code, (seen.codes.get(code) ?? 0) + 1);
    if (!ALLOWED_CODES.has(code)) throw new Error(`error code ${code}: ${context}`);
  }
}

// One socket, one operation at a time per batch member, as a busy client would send them.
const sendAll = async (payloads: (Record<string, unknown> | string)[]) => {
  for (const p of payloads) await send(p);
};

it('answers random queries built from the schema with data or caller errors', async () => {
  await fc.assert(fc.asyncProperty(batch(queryDocument(schema, samples)), (queries) => sendAll(queries.map((query) => ({ query })))), { numRuns: RUNS, seed: SEED });
});

it('answers random variables, operation names and unused variables nested thousands deep', async () => {
  const values = scalarValues(samples);
  const withVariables = fc.record({
    query: fc.constant('query Q($first: Int, $asOf: Date, $filter: CommitmentFilter) { commitments(first: $first, asOf: $asOf, filter: $filter) { totalCount nodes { id } } }'),
    variables: fc.record({ first: fc.oneof(values.int, fc.jsonValue({ maxDepth: 2 })), asOf: fc.oneof(values.date, fc.jsonValue({ maxDepth: 1 })), filter: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }),
  });
  const deep = fc.tuple(queryDocument(schema, samples), deepVariablesJson()).map(([query, variables]) => `{"query":${JSON.stringify(query)},"variables":${variables}}`);
  const payload = fc.oneof(withVariables, operationNamePair(schema, samples) as fc.Arbitrary<Record<string, unknown>>, deep);
  await fc.assert(fc.asyncProperty(batch(payload), sendAll), { numRuns: RUNS, seed: SEED });
});

it('answers malformed documents and payloads with caller errors, or closes for what the protocol cannot carry', async () => {
  const payload = fc.oneof(
    queryDocument(schema, samples).chain(mangled).map((query) => ({ query })),
    fc.string({ maxLength: 200 }).map((query) => ({ query })),
    fc.record({ query: fc.jsonValue({ maxDepth: 1 }), variables: fc.jsonValue({ maxDepth: 1 }), operationName: fc.jsonValue({ maxDepth: 1 }), extensions: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }),
    fc.constant({ query: `{ parties { code } } #${'x'.repeat(90_000)}` }),
  );
  await fc.assert(fc.asyncProperty(batch(payload as fc.Arbitrary<Record<string, unknown>>), sendAll), { numRuns: RUNS, seed: SEED });
});

it('logs nothing at error level, and stays up', async () => {
  expect(seen.operations).toBeGreaterThanOrEqual(3 * RUNS * BATCH);
  expect(logged.filter((l) => l.level >= 50)).toEqual([]);
  expect(seen.codes.get('GRAPHQL_VALIDATION_FAILED')).toBeGreaterThan(0);
  expect(seen.codes.get('OPERATION_RESOLUTION_FAILURE')).toBeGreaterThan(0);
  expect(seen.codes.get('BAD_USER_INPUT')).toBeGreaterThan(0);
  const answer = await socket.operation('last', { query: '{ parties { code } }' });
  expect(answer.type).toBe('next');
  expect((await fetch(server.url.replace(/\/graphql$/, '/healthz'))).status).toBe(200);
});
