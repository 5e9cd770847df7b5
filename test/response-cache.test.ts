import { toGlobalId } from '../src/graphql/global-id';
import { CACHE_STATUS_HEADER } from '../src/response-cache/response-cache.plugin';
import { createCommitment, createFollowUp, createParty } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { admin, createCommitmentViaApi, REPORT_PROGRESS, startWriteApp, TODAY, WriteApp } from './writes/write-app';

/** POSTs an operation and returns the body and what the response cache did. */
async function ask(app: TestApp, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { cache: res.headers.get(CACHE_STATUS_HEADER), body: (await res.json()) as { data?: any; errors?: any[] } };
}

const OVERDUE = `query ($asOf: Date) { commitments(asOf: $asOf, filter: { status: [OVERDUE] }) { totalCount nodes { title status followUps { nodes { dueDate status } } } } }`;

describe('the response cache', () => {
  let app: WriteApp;
  let followUpId: string;
  beforeAll(async () => {
    app = await startWriteApp();
    const pk = (await app.db.query(`SELECT id FROM party WHERE code = 'PK'`))[0].id;
    const c = await createCommitment(app.db, { title: 'Hold the first meeting', partyIds: [pk] });
    followUpId = await createFollowUp(app.db, { commitmentId: c, dueDate: '2026-03-01' });
  });
  afterAll(() => app.stop());

  it('answers a repeated read from memory, with the same body', async () => {
    const first = await ask(app, OVERDUE, { asOf: '2026-03-05' });
    const second = await ask(app, OVERDUE, { asOf: '2026-03-05' });
    expect(first.cache).toBe('MISS');
    expect(second.cache).toBe('HIT');
    expect(second.body).toEqual(first.body);
    expect(first.body.data.commitments.totalCount).toBe(1);
  });

  it('keeps one answer per set of variables', async () => {
    await ask(app, OVERDUE, { asOf: '2026-02-01' });
    const other = await ask(app, OVERDUE, { asOf: '2026-02-01' });
    expect(other.cache).toBe('HIT');
    expect(other.body.data.commitments.totalCount).toBe(0);
    expect((await ask(app, OVERDUE, { asOf: '2026-03-05' })).body.data.commitments.totalCount).toBe(1);
  });

  it('never serves an answer from before a write made through the API', async () => {
    await ask(app, OVERDUE, { asOf: TODAY });
    const report = await app.graphql(REPORT_PROGRESS, { input: { followUpId: toGlobalId('FollowUp', followUpId), state: 'DONE', reportedOn: '2026-03-08' } }, admin);
    expect(report.errors).toBeUndefined();
    const after = await ask(app, OVERDUE, { asOf: TODAY });
    expect(after.cache).toBe('MISS');
    expect(after.body.data.commitments.totalCount).toBe(0);
  });

  it('never serves an answer from before a write made straight in SQL', async () => {
    const query = `{ parties { code } }`;
    await ask(app, query);
    expect((await ask(app, query)).cache).toBe('HIT');
    await createParty(app.db, 'IN', 'India');
    const after = await ask(app, query);
    expect(after.cache).toBe('MISS');
    expect(after.body.data.parties.map((p: { code: string }) => p.code)).toContain('IN');
  });

  it('is not invalidated by a write that rolled back', async () => {
    const query = `{ parties { code } }`;
    await ask(app, query);
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`INSERT INTO party (code, name) VALUES ('BD', 'Bangladesh')`);
    await runner.rollbackTransaction();
    await runner.release();
    expect((await ask(app, query)).cache).toBe('HIT');
  });

  it('keeps no answer that had errors', async () => {
    const query = `{ node(id: "bm90LWFuLWlk") { id } commitments(first: 101) { totalCount } }`;
    expect((await ask(app, query)).body.errors).toBeDefined();
    const again = await ask(app, query);
    expect(again.cache).toBe('MISS');
    expect(again.body.errors).toBeDefined();
  });

  it('leaves authenticated requests and mutations out', async () => {
    const query = `{ parties { code } }`;
    await ask(app, query);
    expect((await ask(app, query, {}, admin)).cache).toBeNull();
    const created = await ask(app, `mutation { createApiKey(input: { name: "reader", role: EDITOR }) { name } }`, {}, admin);
    expect(created.cache).toBeNull();
  });

  it('refuses an operation over the query limits every time, and keeps no refusal', async () => {
    let nested = 'title';
    for (let i = 0; i < 5; i++) nested = `followUps(first: 1) { nodes { commitment { ${nested} } } }`;
    const query = `{ commitments(first: 1) { nodes { ${nested} } } }`;
    for (let i = 0; i < 2; i++) {
      const refused = await ask(app, query);
      expect(refused.body.errors?.[0].extensions.code).toBe('QUERY_TOO_DEEP');
      expect(refused.cache).toBeNull();
    }
  });
});

describe('the response cache across servers and days', () => {
  it('sees a write made through another server on the next request', async () => {
    const a = await startWriteApp();
    const b = await startTestApp({ shareDatabaseOf: a, env: { CLOCK_START: `${TODAY}T12:00:00Z` } });
    try {
      const query = `{ commitments { totalCount } }`;
      await ask(b, query);
      expect((await ask(b, query)).cache).toBe('HIT');
      await createCommitmentViaApi(a, { title: 'Written through server A' });
      const after = await ask(b, query);
      expect(after.cache).toBe('MISS');
      expect(after.body.data.commitments.totalCount).toBe(1);
    } finally {
      await b.stop();
      await a.stop();
    }
  });

  it('answers afresh once the day turns, for fields that take today as their asOf', async () => {
    const app = await startTestApp({ env: { CLOCK_START: '2026-03-10T23:59:57.500Z' } });
    try {
      const query = `{ followThrough { asOf } }`;
      expect((await ask(app, query)).body.data.followThrough.asOf).toBe('2026-03-10');
      expect((await ask(app, query)).cache).toBe('HIT');
      const midnight = Date.parse('2026-03-11T00:00:00Z');
      await new Promise((r) => setTimeout(r, midnight - app.clock.now().getTime() + 50));
      const next = await ask(app, query);
      expect(next.cache).toBe('MISS');
      expect(next.body.data.followThrough.asOf).toBe('2026-03-11');
    } finally {
      await app.stop();
    }
  });
});
