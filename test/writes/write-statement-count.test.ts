import { toGlobalId } from '../../src/graphql/global-id';
import { createCommitment, createFollowUp, createParty, createReport, createSource } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What a write costs in SQL statements, counted the way the benchmark's proxy counts them (every
 * statement the server sends for the request, BEGIN and COMMIT included), for the payload a client
 * asks for. Each statement is a round trip to Postgres. Not counted: the
 * live event feed's read, which the commit's NOTIFY starts once per batch of commits, for every
 * subscriber at once, after the answer.
 */
const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const REPORT = `mutation ($input: ReportProgressInput!) { reportProgress(input: $input) { report { id } } }`;
const statements: string[] = [];
let app: TestApp;
let commitmentId: string;
let followUpId: string;
let sourceId: string;

beforeAll(async () => {
  app = await startTestApp({
    onQuery: (sql) => statements.push(sql),
    env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: '2026-03-10T12:00:00Z', SCHEDULER_INTERVAL_MS: '86400000' },
  });
  const pk = await createParty(app.db, 'PK');
  sourceId = await createSource(app.db);
  commitmentId = await createCommitment(app.db, { partyIds: [pk] });
  followUpId = await createFollowUp(app.db, { commitmentId, dueDate: '2026-03-01' });
  const second = await createFollowUp(app.db, { commitmentId, dueDate: '2026-05-01' });
  await createReport(app.db, { followUpId, state: 'IN_PROGRESS', reportedOn: '2026-02-20' });
  // A first write, so that the key's last use is recorded (at most once a minute) before counting.
  await app.graphql(REPORT, { input: { followUpId: toGlobalId('FollowUp', second), state: 'IN_PROGRESS', reportedOn: '2026-03-01' } }, admin);
});
afterAll(() => app.stop());

const EVENT_FEED_READ = /FROM commitment_event e WHERE e\.id > \$1/;
/**
 * Six statements: the key check the HTTP layer makes before the request (requireRole reuses the key
 * it found), BEGIN, lock-and-bump, the read of what the write depends on, the write with its
 * events, COMMIT.
 */
const MAX_STATEMENTS = 6;

async function count(query: string, variables: Record<string, unknown>): Promise<{ data: any; statements: string[] }> {
  statements.length = 0;
  const res = await app.graphql(query, variables, admin);
  expect(res.errors).toBeUndefined();
  return { data: res.data, statements: statements.filter((sql) => !EVENT_FEED_READ.test(sql)) };
}

const UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { id version } } }`;
const VERSION = `query ($id: ID!) { node(id: $id) { ... on Commitment { version } } }`;

it('records a progress report, its events and the status change in at most six statements', async () => {
  const run = await count(REPORT, {
    input: { followUpId: toGlobalId('FollowUp', followUpId), state: 'DONE', reportedOn: '2026-03-05' },
  });
  expect(run.data.reportProgress.report.id).toBeTruthy();
  expect(run.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  const history = await app.db.query(
    `SELECT kind, previous_status, status FROM commitment_event WHERE follow_up_id = $1 ORDER BY id`, [followUpId]);
  expect(history).toEqual([
    { kind: 'PROGRESS_REPORTED', previous_status: null, status: null },
    { kind: 'STATUS_CHANGED', previous_status: 'OVERDUE', status: 'DONE' },
  ]);
});

it('records a report citing a source in at most six statements too', async () => {
  const run = await count(REPORT, {
    input: { followUpId: toGlobalId('FollowUp', followUpId), state: 'IN_PROGRESS', reportedOn: '2026-03-06', sourceId: toGlobalId('Source', sourceId) },
  });
  expect(run.data.reportProgress.report.id).toBeTruthy();
  expect(run.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
});

it('edits a commitment and bumps its version in at most six statements', async () => {
  const id = toGlobalId('Commitment', commitmentId);
  const { node } = (await app.graphql(VERSION, { id })).data;
  const run = await count(UPDATE, { input: { id, expectedVersion: node.version, title: 'Renamed' } });
  expect(run.data.updateCommitment.commitment.version).toBe(node.version + 1);
  expect(run.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
});

it('answers a report with the data version its commit made, which it knew without reading it again', async () => {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin },
    body: JSON.stringify({ query: REPORT, variables: { input: { followUpId: toGlobalId('FollowUp', followUpId), state: 'IN_PROGRESS', reportedOn: '2026-03-07' } } }),
  });
  expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
  const [{ version }] = await app.db.query(`SELECT version::int FROM data_version`);
  expect(res.headers.get('x-data-version')).toBe(String(version));
});
