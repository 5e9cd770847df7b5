import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { buildApiSchema } from '../../src/graphql/schema';
import { startTestApp, TestApp } from '../support/test-app';
import { deepVariablesJson, mangled, operationNamePair, queryDocument, Samples, scalarValues } from './graphql-arbitraries';

/**
 * Thousands of random, malformed and hostile read requests against a seeded server. Whatever
 * arrives, the answer is a JSON GraphQL response with a caller-facing error code (never 500, never
 * INTERNAL_SERVER_ERROR), nothing in the database changes, and the server stays up.
 */
const ALLOWED_STATUS = new Set([200, 400, 405, 406, 413, 415]);
const ALLOWED_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES',
  'BATCHING_NOT_SUPPORTED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHENTICATED', 'FORBIDDEN',
]);
// A fixed seed makes a failure reproducible; FUZZ_SEED picks another run.
const SEED = Number(process.env.FUZZ_SEED ?? 20260107);
// Each run sends a batch of requests at once (as concurrent clients would), which also keeps the
// whole file near half a minute on two idle cores: 4 properties × RUNS × BATCH ≈ 2,800 requests.
// FUZZ_RUNS scales it (more for a long hunt, fewer on a slow machine).
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const BATCH = 7;
const batch = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: BATCH, maxLength: BATCH });
// Generous, for a machine busy with other work; on idle cores each property takes seconds.
jest.setTimeout(300_000);

let app: TestApp;
let schema: GraphQLSchema;
let samples: Samples;
let rowsBefore: Record<string, number>;
const seen = { requests: 0, codes: new Map<string, number>() };

async function rowCounts(): Promise<Record<string, number>> {
  const tables: { name: string }[] = await app.db.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await app.db.query(`SELECT count(*) AS n FROM "${name}"`))[0].n);
  return counts;
}

beforeAll(async () => {
  app = await startTestApp({ seed: true, env: { HTTP_HEADERS_TIMEOUT_S: '10', HTTP_REQUEST_TIMEOUT_S: '300' } });
  schema = await buildApiSchema();
  // Counted before the last request here, not after: on a loaded machine the counts can take longer
  // than the server's 5 s keep-alive, and the first fuzz request would then go out on the idle
  // connection in the same turn of the event loop as the server closes it (ECONNRESET).
  rowsBefore = await rowCounts();
  const { data } = await app.graphql(`{
    parties { id code }
    commitments(first: 5) { edges { cursor node { id followUps(first: 3) { edges { cursor node { id reports { id } } } } } } }
    sources(first: 3) { edges { cursor node { id } } }
  }`);
  const commitments = data.commitments.edges;
  const followUps = commitments.flatMap((e: any) => e.node.followUps.edges);
  samples = {
    ids: [...data.parties.map((p: any) => p.id), ...commitments.map((e: any) => e.node.id), ...followUps.map((e: any) => e.node.id), ...data.sources.edges.map((e: any) => e.node.id)],
    cursors: [...commitments.map((e: any) => e.cursor), ...followUps.map((e: any) => e.cursor)],
    partyCodes: data.parties.map((p: any) => p.code),
  };
  expect(samples.ids.length).toBeGreaterThan(3);
});
afterAll(() => app.stop());

/** Sends a request and checks the answer is a well-formed GraphQL response with allowed codes. */
async function send(init: { method?: string; search?: URLSearchParams; body?: string; contentType?: string | null; accept?: string }): Promise<void> {
  const url = new URL(app.url);
  if (init.search) url.search = init.search.toString();
  const headers: Record<string, string> = { 'apollo-require-preflight': 'true' };
  if (init.contentType !== null) headers['content-type'] = init.contentType ?? 'application/json';
  if (init.accept) headers.accept = init.accept;
  const res = await fetch(url, { method: init.method ?? 'POST', headers, body: init.body });
  const text = await res.text();
  seen.requests += 1;
  const context = `${res.status} for ${init.method ?? 'POST'} ${init.body?.slice(0, 300) ?? url.search.slice(0, 300)}\n→ ${text.slice(0, 500)}`;
  if (!ALLOWED_STATUS.has(res.status)) throw new Error(`unexpected status ${context}`);
  let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`not JSON: ${context}`);
  }
  if (!('data' in body) && !body.errors?.length) throw new Error(`neither data nor errors: ${context}`);
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code ?? '(none)';
    seen.codes.set(code, (seen.codes.get(code) ?? 0) + 1);
    if (!ALLOWED_CODES.has(code)) throw new Error(`error code ${code}: ${context}`);
  }
}

const post = (payload: unknown, accept?: string) => send({ body: JSON.stringify(payload), accept });

it('answers random queries built from the schema with data or caller errors', async () => {
  await fc.assert(
    fc.asyncProperty(batch(fc.tuple(queryDocument(schema, samples), fc.constantFrom(undefined, 'application/graphql-response+json'))), async (requests) => {
      await Promise.all(requests.map(([query, accept]) => post({ query }, accept)));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

it('answers random variables, of the right type or not, without failing', async () => {
  const values = scalarValues(samples);
  const operations = [
    'query Q($first: Int, $after: String, $asOf: Date, $filter: CommitmentFilter) { commitments(first: $first, after: $after, asOf: $asOf, filter: $filter) { totalCount nodes { id status(asOf: $asOf) nextDueDate(asOf: $asOf) followUps(first: $first, asOf: $asOf) { nodes { id dueDate daysOverdue(asOf: $asOf) } } } pageInfo { endCursor } } }',
    'query F($filter: FollowUpFilter, $asOf: Date, $first: Int, $after: String) { followUps(filter: $filter, asOf: $asOf, first: $first, after: $after) { totalCount nodes { id status completedOn commitment { id } } } }',
    'query N($id: ID!) { node(id: $id) { id ... on Commitment { title history(first: 3) { nodes { kind } } } ... on FollowUp { dueDate reports { state } } } }',
    'query T($asOf: Date, $partyCode: String, $engagementId: ID) { followThrough(asOf: $asOf, partyCode: $partyCode, engagementId: $engagementId) { asOf total byStatus { status count } onTimeRate } }',
    'query E($first: Int, $after: String) { engagements(first: $first, after: $after) { nodes { id title commitments(first: $first) { totalCount } } } sources(first: $first, after: $after) { nodes { id } } }',
  ];
  const statuses = fc.array(fc.oneof(fc.constantFrom('OVERDUE', 'DUE_SOON', 'SCHEDULED', 'UNDATED', 'DONE', 'MISSED', 'CANCELLED'), fc.string({ maxLength: 8 })), { maxLength: 4 });
  const filter = fc.record(
    {
      status: statuses,
      partyCodes: fc.array(values.string, { maxLength: 3 }),
      engagementId: values.id,
      commitmentId: values.id,
      dueAfter: values.date,
      dueBefore: values.date,
      search: fc.string({ maxLength: 30 }),
      nope: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  );
  const anyJson = fc.jsonValue({ maxDepth: 2 });
  const variables = fc.record(
    {
      first: fc.oneof(values.int, anyJson),
      after: fc.oneof(values.cursor, anyJson),
      asOf: fc.oneof(values.date, anyJson),
      filter: fc.oneof({ weight: 4, arbitrary: filter }, { weight: 1, arbitrary: anyJson }),
      id: fc.oneof(values.id, anyJson),
      partyCode: fc.oneof(values.string, anyJson),
      engagementId: fc.oneof(values.id, anyJson),
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(batch(fc.tuple(fc.constantFrom(...operations), fc.oneof({ weight: 9, arbitrary: variables }, { weight: 1, arbitrary: anyJson }))), async (requests) => {
      await Promise.all(requests.map(([query, vars]) => post({ query, variables: vars })));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

it('answers random operation names, and unused variables nested thousands deep, with data or caller errors', async () => {
  const request = fc.oneof(
    operationNamePair(schema, samples).map((payload) => ({ body: JSON.stringify(payload) })),
    fc.tuple(queryDocument(schema, samples), deepVariablesJson()).map(([query, variables]) => ({ body: `{"query":${JSON.stringify(query)},"variables":${variables}}` })),
  );
  await fc.assert(fc.asyncProperty(batch(request), async (requests) => void (await Promise.all(requests.map(send)))), { numRuns: RUNS, seed: SEED });
});

it('answers malformed documents, bodies and GET parameters with 4xx or caller errors', async () => {
  const validQuery = queryDocument(schema, samples);
  const request = fc.oneof(
    validQuery.chain(mangled).map((query) => ({ body: JSON.stringify({ query }) })),
    fc.string({ maxLength: 200 }).map((query) => ({ body: JSON.stringify({ query }) })),
    fc.jsonValue({ maxDepth: 3 }).map((payload) => ({ body: JSON.stringify(payload) })),
    fc.record({ query: fc.jsonValue({ maxDepth: 1 }), variables: fc.jsonValue({ maxDepth: 1 }), operationName: fc.jsonValue({ maxDepth: 1 }), extensions: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }).map((payload) => ({ body: JSON.stringify(payload) })),
    fc.string({ unit: 'binary', maxLength: 100 }).map((body) => ({ body })),
    fc.tuple(fc.constantFrom('text/plain', 'application/graphql', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'multipart/form-data'), fc.string({ maxLength: 50 }))
      .map(([contentType, query]) => ({ contentType, body: JSON.stringify({ query }) })),
    fc.constant({ contentType: null, body: '{"query":"{ parties { code } }"}' }),
    fc.dictionary(fc.constantFrom('query', 'variables', 'operationName', 'extensions', 'x'), fc.string({ maxLength: 60 }), { maxKeys: 4 })
      .map((params) => ({ method: 'GET', contentType: null, search: new URLSearchParams(params) })),
    validQuery.map((query) => ({ method: 'GET', contentType: null, search: new URLSearchParams({ query: query.replace(/^query /, 'mutation ') }) })),
    fc.constantFrom('PUT', 'DELETE', 'PATCH').map((method) => ({ method, body: '{"query":"{ __typename }"}' })),
    fc.constant({ body: JSON.stringify({ query: `{ parties { code } } #${'x'.repeat(120_000)}` }) }),
  );
  await fc.assert(fc.asyncProperty(batch(request), async (requests) => void (await Promise.all(requests.map(send)))), { numRuns: RUNS, seed: SEED });
});

it('changes nothing in the database and stays up', async () => {
  expect(seen.requests).toBeGreaterThanOrEqual(4 * RUNS * BATCH);
  expect(seen.codes.get('OPERATION_RESOLUTION_FAILURE')).toBeGreaterThan(0);
  expect(await rowCounts()).toEqual(rowsBefore);
  const origin = new URL(app.url).origin;
  expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  expect((await fetch(`${origin}/readyz`)).status).toBe(200);
  expect((await app.graphql('{ parties { code } }')).data.parties.length).toBeGreaterThan(0);
  // Both outcomes were exercised, not only refusals.
  expect(seen.codes.get('GRAPHQL_VALIDATION_FAILED')).toBeGreaterThan(0);
  expect(seen.codes.get('BAD_USER_INPUT')).toBeGreaterThan(0);
});
