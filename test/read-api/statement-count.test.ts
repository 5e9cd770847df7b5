import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every list field is batched: a nested query costs the same number of SQL statements whether its
 * pages hold 5 or 100 items.
 */
const statements: string[] = [];
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ onQuery: (sql) => statements.push(sql), env: { SCHEDULER_INTERVAL_MS: '86400000' } });
  // 120 commitments at 3 engagements, 2 parties each, 2 sources each, 6 follow-ups each with reports.
  await app.db.query(`
    INSERT INTO party (code, name) VALUES ('PK', 'Pakistan'), ('CN', 'China');
    INSERT INTO engagement (title, held_on) SELECT 'Engagement ' || i, DATE '2026-01-01' + i FROM generate_series(1, 3) i;
    INSERT INTO source (title) SELECT 'Source ' || i FROM generate_series(1, 10) i;
    INSERT INTO commitment (title, engagement_id) SELECT 'Commitment ' || i, 1 + i % 3 FROM generate_series(1, 120) i;
    INSERT INTO commitment_party (commitment_id, party_id) SELECT c.id, p.id FROM commitment c CROSS JOIN party p;
    INSERT INTO source_citation (commitment_id, source_id, stance) SELECT c.id, 1 + (c.id + k) % 10, 'CONFIRMS' FROM commitment c, generate_series(0, 1) k;
    INSERT INTO follow_up (commitment_id, title, due_date)
      SELECT c.id, 'Follow-up ' || k, CASE WHEN k = 5 THEN NULL ELSE DATE '2026-01-01' + ((c.id * 7 + k * 30) % 365)::int END
        FROM commitment c, generate_series(0, 5) k;
    INSERT INTO progress_report (follow_up_id, state, reported_on, source_id, recorded_by)
      SELECT f.id, (ARRAY['IN_PROGRESS','DONE','MISSED','CANCELLED'])[1 + f.id % 4], DATE '2026-01-15' + (f.id % 60)::int, 1 + f.id % 10, 'test'
        FROM follow_up f WHERE f.id % 2 = 0;
    INSERT INTO evidence (progress_report_id, source_id, stance, recorded_by) SELECT r.id, r.source_id, 'CONFIRMS', 'test' FROM progress_report r;
    INSERT INTO evidence (progress_report_id, source_id, stance, recorded_by) SELECT r.id, 1 + (r.id + 3) % 10, 'OMITS', 'test' FROM progress_report r WHERE r.id % 3 = 0;
    UPDATE source SET affiliation_party_id = 1 + id % 2 WHERE id % 3 = 0;
    INSERT INTO person (party_id, name) SELECT 1 + i % 2, 'Person ' || i FROM generate_series(1, 6) i;
    INSERT INTO engagement_participant (engagement_id, person_id) SELECT 1 + p.id % 3, p.id FROM person p;
    INSERT INTO engagement_party (engagement_id, party_id) SELECT e.id, p.id FROM engagement e CROSS JOIN party p;
    INSERT INTO engagement_source (engagement_id, source_id, stance) SELECT e.id, e.id, 'CONFIRMS' FROM engagement e;
    INSERT INTO commitment_event (commitment_id, kind, actor) SELECT c.id, 'CREATED', 'test' FROM commitment c;
  `);
});
afterAll(() => app.stop());

const NESTED = `query ($first: Int!) {
  commitments(first: $first, asOf: "2026-03-01") {
    totalCount
    nodes {
      title kind responsibleParties { code } parties { role party { code } } status nextDueDate
      madeAt { title commitments(first: 3) { totalCount nodes { title } } }
      sources { stance source { title } }
      followUps(first: 5) { totalCount nodes { status daysOverdue completedOn verification commitment { title } reports { state source { title } followUp { title } } } }
      history(first: 5) { totalCount nodes { kind cursor commitment { title } } }
    }
  }
}`;

/** Version 2's lists: engagements' parties, people and sources, sources' affiliation and citations, reports' evidence. */
const NESTED_V2 = `query ($first: Int!) {
  commitments(first: $first, asOf: "2026-03-01") {
    nodes {
      madeAt { parties { code } participants { name party { code } } sources { stance source { title } } }
      sources { source { kind affiliation { code } citedBy(first: 2) { totalCount nodes { title } } } }
      followUps(first: 2) { nodes { verification reports { verification evidence { stance source { title } } corrects { id } correctedBy { id } } } }
    }
  }
}`;

/** A query asked as known at an instant: every list and status below reads the relations known then. */
const knownAtVariant = (query: string) => query.replace('query ($first: Int!) {', 'query ($first: Int!, $knownAt: DateTime) {')
  .replace('commitments(first: $first, asOf: "2026-03-01")', 'commitments(first: $first, asOf: "2026-03-01", knownAt: $knownAt)');

async function runNested(first: number, query = NESTED, knownAt?: string): Promise<{ statements: string[]; nodes: number }> {
  statements.length = 0;
  const res = await app.graphql(knownAt ? knownAtVariant(query) : query, { first, knownAt });
  expect(res.errors).toBeUndefined();
  return { statements: [...statements], nodes: res.data.commitments.nodes.length };
}

function timesEachRan(run: string[]): number[] {
  const times = new Map<string, number>();
  for (const sql of run) times.set(sql, (times.get(sql) ?? 0) + 1);
  return [...times.values()];
}

it('runs the same few SQL statements for a nested page of 100 as for a page of 5', async () => {
  const small = await runNested(5);
  const large = await runNested(100);
  expect(small.nodes).toBe(5);
  expect(large.nodes).toBe(100);
  // A page of 100 adds no kind of statement a page of 5 does not run...
  expect(new Set(large.statements)).toEqual(new Set(small.statements));
  // ...and runs each once per place in the query that asks for it, never once per row. Two call
  // sites share a loader here (commitment under followUps and under history): when their parent
  // lists come back in different ticks, DataLoader sends two batches, so a statement may run
  // twice. One statement per row would run it 100 times.
  for (const run of [small, large]) expect(Math.max(...timesEachRan(run.statements))).toBeLessThanOrEqual(2);
  // And that number is small: one or two per list level.
  expect(large.statements.length).toBeLessThanOrEqual(20);
});

it("runs the same few statements for version 2's nested lists, whatever the page size", async () => {
  const small = await runNested(5, NESTED_V2);
  const large = await runNested(100, NESTED_V2);
  expect(large.nodes).toBe(100);
  expect(new Set(large.statements)).toEqual(new Set(small.statements));
  for (const run of [small, large]) expect(Math.max(...timesEachRan(run.statements))).toBeLessThanOrEqual(2);
  expect(large.statements.length).toBeLessThanOrEqual(20);
});

it("reads the status a list computed from its rows: asking for it, or for it as of the list's own date, costs no statement", async () => {
  const page = (fields: string, followUpFields: string) => `{ commitments(first: 20, asOf: "2026-03-01") { nodes { title ${fields}
    followUps(first: 5) { nodes { dueDate ${followUpFields} } } } } }`;
  const count = async (query: string) => {
    statements.length = 0;
    const res = await app.graphql(query);
    expect(res.errors).toBeUndefined();
    return statements.length;
  };
  const bare = await count(page('', ''));
  const derived = await count(page('status nextDueDate same: status(asOf: "2026-03-01")', 'status daysOverdue same: status(asOf: "2026-03-01")'));
  expect(derived).toBe(bare);
  // Another date is another question: it is computed, once per list level.
  const other = await count(page('status(asOf: "2026-04-01")', 'status(asOf: "2026-04-01")'));
  expect(other).toBe(bare + 2);
});

it('answers followThrough, every count and rate included, in one statement', async () => {
  statements.length = 0;
  const res = await app.graphql(`{ followThrough(asOf: "2026-03-01", partyCode: "PK", kinds: [AGREEMENT, PLEDGE]) {
    total byStatus { status count } dueFollowUps doneOnTime doneLate unreported onTimeRate corroboratedOnTimeRate } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.followThrough.total).toBeGreaterThan(0);
  // Besides the response cache's look at the data version, which every anonymous read makes.
  expect(statements.filter((sql) => !/FROM data_version/.test(sql))).toHaveLength(1);
});

describe('knownAt', () => {
  it.each([['version 1', NESTED], ['version 2', NESTED_V2]])(
    'runs the same few SQL statements for a nested page of 100 as for a page of 5, known at an instant (%s lists)',
    async (_name, query) => {
      const knownAt = new Date().toISOString();
      const small = await runNested(5, query, knownAt);
      const large = await runNested(100, query, knownAt);
      expect(small.nodes).toBe(5);
      expect(large.nodes).toBe(100);
      expect(new Set(large.statements)).toEqual(new Set(small.statements));
      for (const run of [small, large]) expect(Math.max(...timesEachRan(run.statements))).toBeLessThanOrEqual(2);
      expect(large.statements.length).toBeLessThanOrEqual(20);
      // The statements that read follow-ups, reports or evidence read them as known then.
      expect(large.statements.filter((sql) => /(created_at|recorded_at) <= \$/.test(sql)).length).toBeGreaterThanOrEqual(4);
    },
  );

  it('leaves the statements of a query without knownAt as they are: no relation known at an instant, no due-date history', async () => {
    const { statements: plain } = await runNested(50);
    expect(plain.length).toBeGreaterThan(5);
    for (const sql of plain) {
      expect(sql).not.toMatch(/follow_up_due_date_change|created_at <=|::timestamptz/);
    }
  });

  it('reads the status a knownAt list computed from its rows, as it does without knownAt', async () => {
    const page = (fields: string) => `query ($k: DateTime) { commitments(first: 20, asOf: "2026-03-01", knownAt: $k) { nodes { title ${fields}
      followUps(first: 5) { nodes { dueDate ${fields.replace(' nextDueDate', '')} } } } } }`;
    const count = async (query: string) => {
      statements.length = 0;
      const res = await app.graphql(query, { k: new Date().toISOString() });
      expect(res.errors).toBeUndefined();
      return statements.length;
    };
    expect(await count(page('status nextDueDate'))).toBe(await count(page('')));
  });

  it('answers followThrough known at an instant, every count and rate included, in one statement', async () => {
    statements.length = 0;
    const res = await app.graphql(`query ($k: DateTime) { followThrough(asOf: "2026-03-01", partyCode: "PK", knownAt: $k) {
      total dueFollowUps doneOnTime doneLate unreported onTimeRate corroboratedOnTimeRate } }`, { k: new Date().toISOString() });
    expect(res.errors).toBeUndefined();
    expect(res.data.followThrough.total).toBeGreaterThan(0);
    expect(statements.filter((sql) => !/FROM data_version/.test(sql))).toHaveLength(1);
  });
});
