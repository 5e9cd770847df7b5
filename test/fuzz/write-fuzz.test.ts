import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { createApiKey } from '../../src/api-keys/api-key.service';
import { buildApiSchema } from '../../src/graphql/schema';
import { invariantViolations } from '../support/data-invariants';
import { startTestApp, TestApp } from '../support/test-app';
import { mangled, mutationDocument, Samples } from './graphql-arbitraries';

/**
 * Random, malformed and unauthorized mutations. Whatever arrives: no 500, no INTERNAL_SERVER_ERROR,
 * a refused mutation writes nothing at all, an anonymous one is UNAUTHENTICATED, and afterwards
 * the data still keeps its invariants (test/support/data-invariants.ts: every commitment has
 * parties and a CREATED event, its version counts the writes in its history, and so on).
 */
const ALLOWED_STATUS = new Set([200, 400]);
const ALLOWED_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST', 'QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES',
  // createWebhook without WEBHOOK_SECRET_KEY, which this app deliberately lacks: fuzzed URLs must never be called.
  'NOT_CONFIGURED',
]);
const SEED = Number(process.env.FUZZ_SEED ?? 20260107);
const RUNS = Math.round(Number(process.env.FUZZ_RUNS ?? 100) * 2.5);
// Generous, for a machine busy with other work; on idle cores this file takes seconds.
jest.setTimeout(300_000);

let app: TestApp;
let schema: GraphQLSchema;
let samples: Samples;
let keys: Record<'editor' | 'admin' | 'anonymous' | 'forged', string | undefined>;
const outcomes = new Map<string, number>();

/** Everything a write could change, except api_key.last_used_at (touched by any authenticated call, by design). */
async function fingerprint(): Promise<string> {
  const [row] = await app.db.query(`SELECT
    (SELECT count(*) FROM commitment) AS commitments,
    (SELECT coalesce(sum(version), 0) FROM commitment) AS versions,
    (SELECT max(updated_at) FROM commitment) AS updated,
    (SELECT count(*) FROM follow_up) AS follow_ups,
    (SELECT count(*) FROM progress_report) AS reports,
    (SELECT count(*) FROM source) AS sources,
    (SELECT count(*) FROM source_citation) AS citations,
    (SELECT count(*) FROM commitment_party) AS parties,
    (SELECT count(*) FROM commitment_event) AS events,
    (SELECT count(*) FROM api_key) AS keys,
    (SELECT count(*) FROM api_key WHERE revoked_at IS NOT NULL) AS revoked`);
  return JSON.stringify(row);
}

beforeAll(async () => {
  app = await startTestApp({ seed: true });
  schema = await buildApiSchema();
  const { data } = await app.graphql(`{
    parties { id code }
    commitments(first: 6) { edges { cursor node { id followUps(first: 3) { edges { cursor node { id } } } } } }
    sources(first: 3) { nodes { id } }
  }`);
  const commitments = data.commitments.edges;
  const followUps = commitments.flatMap((e: any) => e.node.followUps.edges);
  samples = {
    ids: [...commitments.map((e: any) => e.node.id), ...followUps.map((e: any) => e.node.id), ...data.sources.nodes.map((n: any) => n.id)],
    cursors: commitments.map((e: any) => e.cursor),
    partyCodes: data.parties.map((p: any) => p.code),
  };
  const editor = await createApiKey(app.db, app.clock, { name: 'fuzz-editor', role: 'EDITOR' });
  const admin = await createApiKey(app.db, app.clock, { name: 'fuzz-admin', role: 'ADMIN' });
  keys = { editor: editor.key, admin: admin.key, anonymous: undefined, forged: `${editor.key.slice(0, -2)}xx` };
});
afterAll(() => app.stop());

async function mutate(query: string, who: keyof typeof keys): Promise<void> {
  const before = await fingerprint();
  const key = keys[who];
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  const context = `${res.status} for ${who}: ${query.slice(0, 400)}\n→ ${text.slice(0, 500)}`;
  if (!ALLOWED_STATUS.has(res.status)) throw new Error(`unexpected status ${context}`);
  const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
  const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? '(none)');
  for (const code of codes) if (!ALLOWED_CODES.has(code)) throw new Error(`error code ${code}: ${context}`);
  const refused = codes.length > 0;
  outcomes.set(refused ? codes[0] : 'ok', (outcomes.get(refused ? codes[0] : 'ok') ?? 0) + 1);
  if (refused && (await fingerprint()) !== before) throw new Error(`a refused mutation wrote: ${context}`);
  const reachedResolver = codes.some((c) => !['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'].includes(c));
  if ((who === 'anonymous' || who === 'forged') && (reachedResolver || !refused) && codes[0] !== 'UNAUTHENTICATED' && !codes[0]?.startsWith('QUERY_')) {
    throw new Error(`a mutation without a valid key was not refused as UNAUTHENTICATED: ${context}`);
  }
}

it('refuses or performs random mutations cleanly, writing nothing when it refuses', async () => {
  const who = fc.constantFrom<keyof typeof keys>('editor', 'editor', 'admin', 'anonymous', 'forged');
  const document = mutationDocument(schema, samples);
  const request = fc.oneof({ weight: 5, arbitrary: document }, { weight: 1, arbitrary: document.chain(mangled) });
  await fc.assert(fc.asyncProperty(request, who, async (query, caller) => mutate(query, caller)), { numRuns: RUNS, seed: SEED });
  // The run exercised acceptance as well as each kind of refusal.
  expect(outcomes.get('ok')).toBeGreaterThan(0);
  for (const code of ['UNAUTHENTICATED', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']) expect(outcomes.get(code)).toBeGreaterThan(0);
});

it('keeps the invariants of the data afterwards', async () => {
  expect(await invariantViolations(app.db)).toEqual({});
  expect((await fetch(new URL('/healthz', app.url))).status).toBe(200);
});
