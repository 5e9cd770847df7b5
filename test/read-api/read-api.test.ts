import { toGlobalId } from '../../src/graphql/global-id';
import { startTestApp, TestApp } from '../support/test-app';
import { buildDataset } from './dataset';

let app: TestApp;
let d: Awaited<ReturnType<typeof buildDataset>>;
const cid = (id: string) => toGlobalId('Commitment', id);

beforeAll(async () => {
  app = await startTestApp({ env: { SCHEDULER_INTERVAL_MS: '86400000' } });
  d = await buildDataset(app.db);
});
afterAll(() => app.stop());

async function ok(query: string, variables?: Record<string, unknown>) {
  const res = await app.graphql(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
}

async function titles(filter: Record<string, unknown>, asOf = '2026-03-01'): Promise<string[]> {
  const data = await ok(`query ($f: CommitmentFilter, $asOf: Date) { commitments(filter: $f, asOf: $asOf) { totalCount nodes { title } } }`, { f: filter, asOf });
  expect(data.commitments.totalCount).toBe(data.commitments.nodes.length);
  return data.commitments.nodes.map((n: { title: string }) => n.title);
}

describe('Query.commitments', () => {
  it('orders by next due date as of asOf (none last), then id, with status and next due date', async () => {
    const data = await ok(`{ commitments(asOf: "2026-03-01") { totalCount nodes { title status nextDueDate } } }`);
    expect(data.commitments.totalCount).toBe(8);
    expect(data.commitments.nodes.map((n: any) => [n.title, n.status, n.nextDueDate])).toEqual([
      ['Joint working group meeting', 'OVERDUE', '2026-02-15'],
      ['Security protection unit', 'DUE_SOON', '2026-03-10'],
      ['Port security', 'SCHEDULED', '2026-05-01'],
      ['Counter-terrorism dialogue', 'DONE', null],
      ['Visa facilitation', 'UNDATED', null],
      ['Intelligence sharing', 'MISSED', null],
      ['Border fencing review', 'UNDATED', null],
      ['Joint exercise', 'DONE', null],
    ]);
  });

  it('filters by status as of the query asOf', async () => {
    expect(await titles({ status: ['UNDATED'] })).toEqual(['Visa facilitation', 'Border fencing review']);
    expect(await titles({ status: ['OVERDUE', 'MISSED'] })).toEqual(['Joint working group meeting', 'Intelligence sharing']);
    // A month earlier nothing was overdue yet; due within 14 days (by 02-15) were the exercise and the JWG.
    expect(await titles({ status: ['OVERDUE'] }, '2026-02-01')).toEqual([]);
    expect(await titles({ status: ['DUE_SOON'] }, '2026-02-01')).toEqual(['Joint exercise', 'Joint working group meeting']);
    expect(await titles({ status: ['SCHEDULED'] }, '2026-02-01')).toEqual(['Intelligence sharing', 'Security protection unit', 'Port security']);
  });

  it('filters by party codes (any of them, case-insensitive), engagement, due range and search words', async () => {
    expect(await titles({ partyCodes: ['cn'], status: ['UNDATED', 'SCHEDULED'] })).toEqual(['Port security', 'Border fencing review']);
    expect(await titles({ engagementId: toGlobalId('Engagement', d.e2) })).toEqual(['Port security', 'Visa facilitation']);
    expect(await titles({ dueAfter: '2026-02-10', dueBefore: '2026-02-20' })).toEqual(['Joint working group meeting', 'Intelligence sharing', 'Joint exercise']);
    expect(await titles({ search: 'JOINT group' })).toEqual(['Joint working group meeting']);
    // Every word must occur, in the title or the description; LIKE wildcards are plain characters.
    expect(await titles({ search: 'protection projects' })).toEqual(['Security protection unit']);
    expect(await titles({ search: '100%' })).toEqual(['Joint working group meeting']);
    expect(await titles({ search: '%' })).toEqual(['Joint working group meeting']);
    expect(await titles({ search: '_' })).toEqual([]);
    expect(await titles({ partyCodes: ['US'] })).toEqual([]);
  });

  it('pages with opaque cursors: every commitment exactly once, in order, with pageInfo and totalCount', async () => {
    const all = await titles({});
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: any = await ok(`query ($after: String) { commitments(first: 3, after: $after, asOf: "2026-03-01") {
        totalCount edges { cursor node { title } } nodes { title } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, { after });
      const c = data.commitments;
      expect(c.totalCount).toBe(8);
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(c.pageInfo.startCursor).toBe(c.edges[0]?.cursor ?? null);
      expect(c.pageInfo.endCursor).toBe(c.edges[c.edges.length - 1]?.cursor ?? null);
      seen.push(...c.nodes.map((n: any) => n.title));
      pages++;
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
  });

  it('gives 20 by default and accepts first: 0 and first: 100', async () => {
    const zero = await ok(`{ commitments(first: 0) { totalCount nodes { title } pageInfo { hasNextPage } } }`);
    expect(zero.commitments).toEqual({ totalCount: 8, nodes: [], pageInfo: { hasNextPage: true } });
    const max = await ok(`{ commitments(first: 100) { nodes { title } pageInfo { hasNextPage } } }`);
    expect(max.commitments.nodes).toHaveLength(8);
    expect(max.commitments.pageInfo.hasNextPage).toBe(false);
  });
});

describe('asOf', () => {
  it('is inherited from the root field by nested fields, which may override it', async () => {
    const data = await ok(`{ node(id: "${cid(d.c1)}") { ... on Commitment { title } }
      commitments(asOf: "2026-02-05", filter: { search: "working group" }) { nodes {
        status nextDueDate later: status(asOf: "2026-03-01")
        followUps { nodes { dueDate status daysOverdue later: status(asOf: "2026-03-01") laterDays: daysOverdue(asOf: "2026-03-01") } }
        overdueLater: followUps(asOf: "2026-03-01", status: [OVERDUE]) { totalCount nodes { dueDate status } }
      } } }`);
    const c = data.commitments.nodes[0];
    expect([c.status, c.nextDueDate, c.later]).toEqual(['DUE_SOON', '2026-02-15', 'OVERDUE']);
    expect(c.followUps.nodes).toEqual([
      { dueDate: '2026-02-15', status: 'DUE_SOON', daysOverdue: null, later: 'OVERDUE', laterDays: 14 },
      { dueDate: '2026-06-01', status: 'SCHEDULED', daysOverdue: null, later: 'SCHEDULED', laterDays: null },
    ]);
    // Listed by their status on 2026-03-01, yet each node's own status is the root's asOf's.
    expect(c.overdueLater).toEqual({ totalCount: 1, nodes: [{ dueDate: '2026-02-15', status: 'DUE_SOON' }] });
  });

  it("defaults to the server's today", async () => {
    const today = app.clock.today();
    const data = await ok(`{ followThrough { asOf } }`);
    expect(data.followThrough.asOf).toBe(today);
  });
});

describe('Query.followUps', () => {
  it('answers an empty status list with no follow-ups, not a database error', async () => {
    const data = await ok(`{ followUps(asOf: "2026-03-01", filter: { status: [] }) { totalCount nodes { id } } }`);
    expect(data.followUps).toEqual({ totalCount: 0, nodes: [] });
  });

  it('orders by due date (none last), then id, and filters by status, parties, commitment and due range', async () => {
    const q = `query ($f: FollowUpFilter) { followUps(filter: $f, asOf: "2026-03-01") { totalCount nodes { dueDate status commitment { title } } } }`;
    const all = (await ok(q, {})).followUps;
    expect(all.totalCount).toBe(9);
    expect(all.nodes.map((n: any) => n.dueDate)).toEqual(['2026-01-20', '2026-02-01', '2026-02-10', '2026-02-15', '2026-02-20', '2026-03-10', '2026-05-01', '2026-06-01', null]);
    const overdueOrDone = (await ok(q, { f: { status: ['OVERDUE', 'DONE'] } })).followUps.nodes.map((n: any) => [n.dueDate, n.status]);
    expect(overdueOrDone).toEqual([['2026-02-01', 'DONE'], ['2026-02-10', 'DONE'], ['2026-02-15', 'OVERDUE']]);
    const c1 = (await ok(q, { f: { commitmentId: cid(d.c1), dueAfter: '2026-03-01' } })).followUps.nodes.map((n: any) => n.dueDate);
    expect(c1).toEqual(['2026-06-01']);
    const pkBefore = (await ok(q, { f: { partyCodes: ['PK'], dueBefore: '2026-02-15' } })).followUps.nodes.map((n: any) => n.dueDate);
    expect(pkBefore).toEqual(['2026-01-20', '2026-02-10', '2026-02-15']);
  });

  it('shows completedOn and every report, oldest first, with its source', async () => {
    const data = await ok(`{ node(id: "${toGlobalId('FollowUp', d.f3)}") { ... on FollowUp { completedOn status(asOf: "2026-01-29") reports { state reportedOn source { title } followUp { dueDate } } } } }`);
    expect(data.node).toEqual({
      completedOn: '2026-01-30',
      status: 'DUE_SOON',
      reports: [{ state: 'DONE', reportedOn: '2026-01-30', source: { title: 'Xinhua: joint statement' }, followUp: { dueDate: '2026-02-01' } }],
    });
  });
});

describe('nested lists', () => {
  it('pages an engagement\'s commitments and a commitment\'s history with cursors', async () => {
    const q = `query ($id: ID!, $after: String) { node(id: $id) { ... on Engagement { title commitments(first: 2, after: $after) { totalCount nodes { title } pageInfo { hasNextPage endCursor } } } } }`;
    const first = (await ok(q, { id: toGlobalId('Engagement', d.e1) })).node;
    expect(first.commitments.totalCount).toBe(3);
    expect(first.commitments.nodes.map((n: any) => n.title)).toEqual(['Joint working group meeting', 'Security protection unit']);
    const second = (await ok(q, { id: toGlobalId('Engagement', d.e1), after: first.commitments.pageInfo.endCursor })).node;
    expect(second.commitments.nodes.map((n: any) => n.title)).toEqual(['Counter-terrorism dialogue']);
    expect(second.commitments.pageInfo.hasNextPage).toBe(false);

    const h = `query ($after: String) { node(id: "${cid(d.c1)}") { ... on Commitment { history(first: 2, after: $after) { totalCount edges { cursor node { cursor kind previousStatus status followUp { title } commitment { title } } } pageInfo { endCursor hasNextPage } } } } }`;
    const page1 = (await ok(h)).node.history;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((e: any) => e.node.kind)).toEqual(['CREATED', 'UPDATED']);
    for (const e of page1.edges) expect(e.node.cursor).toBe(e.cursor);
    const page2 = (await ok(h, { after: page1.pageInfo.endCursor })).node.history;
    expect(page2.edges.map((e: any) => [e.node.kind, e.node.previousStatus, e.node.status, e.node.followUp.title])).toEqual([['STATUS_CHANGED', 'DUE_SOON', 'OVERDUE', 'Q1 meeting']]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('lists engagements in the order they were held, undated last', async () => {
    const data = await ok(`{ engagements { totalCount nodes { title heldOn } } }`);
    expect(data.engagements).toEqual({
      totalCount: 2,
      nodes: [{ title: 'Islamabad security talks', heldOn: '2026-01-07' }, { title: 'Follow-up consultations', heldOn: null }],
    });
  });
});

describe('Query.node', () => {
  it('resolves every kind of node by its global id, and null for an id of nothing', async () => {
    const ids = {
      Party: toGlobalId('Party', d.pk), Source: toGlobalId('Source', d.s1), Engagement: toGlobalId('Engagement', d.e1),
      Commitment: cid(d.c2), FollowUp: toGlobalId('FollowUp', d.f2), ProgressReport: toGlobalId('ProgressReport', '1'),
    };
    for (const [type, id] of Object.entries(ids)) {
      const data = await ok(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect(data.node).toEqual({ __typename: type, id });
    }
    expect((await ok(`{ node(id: "${cid('999999')}") { id } }`)).node).toBeNull();
  });
});

describe('Query.followThrough', () => {
  const q = `query ($asOf: Date, $party: String, $eng: ID) { followThrough(asOf: $asOf, partyCode: $party, engagementId: $eng) { asOf total byStatus { status count } onTimeRate } }`;
  const counts = (ft: any) => Object.fromEntries(ft.byStatus.map((s: any) => [s.status, s.count]));

  it('counts commitments by status, zeros included, and the on-time rate', async () => {
    const ft = (await ok(q, { asOf: '2026-03-01' })).followThrough;
    expect(ft.total).toBe(8);
    expect(counts(ft)).toEqual({ UNDATED: 2, SCHEDULED: 1, DUE_SOON: 1, OVERDUE: 1, DONE: 2, MISSED: 1, CANCELLED: 0 });
    // Due before asOf and not cancelled: JWG Q1 (open), CT dialogue (done early), intelligence (missed), exercise (done late).
    expect(ft.onTimeRate).toBe(0.25);
  });

  it('narrows to a party or an engagement, and is null when nothing was due', async () => {
    const cn = (await ok(q, { asOf: '2026-03-01', party: 'CN' })).followThrough;
    expect(cn.total).toBe(5);
    expect(cn.onTimeRate).toBeCloseTo(1 / 3);
    const e2 = (await ok(q, { asOf: '2026-03-01', eng: toGlobalId('Engagement', d.e2) })).followThrough;
    expect(counts(e2)).toMatchObject({ UNDATED: 1, SCHEDULED: 1 });
    expect(e2.onTimeRate).toBeNull();
  });

  it('answers zeros, not an error, for a known party with no commitments', async () => {
    const us = (await ok(q, { asOf: '2026-03-01', party: 'us' })).followThrough;
    expect(us.total).toBe(0);
    expect(Object.values(counts(us))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(us.onTimeRate).toBeNull();
  });
});

describe('bad input', () => {
  async function fails(query: string, variables: Record<string, unknown> | undefined, code: string, messagePart: RegExp) {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    expect(res.status).toBeLessThan(500);
    const body: any = await res.json();
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors;
    expect(error.extensions.code).toBe(code);
    expect(error.message).toMatch(messagePart);
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|SELECT|at [A-Za-z]+ \(/);
  }

  it.each([
    ['first over 100', `{ commitments(first: 101) { totalCount } }`, undefined, /first: must be from 0 to 100/],
    ['negative first', `{ followUps(first: -1) { totalCount } }`, undefined, /first: must be from 0 to 100/],
    ['nested first over 100', `{ commitments { nodes { followUps(first: 500) { totalCount } } } }`, undefined, /first/],
    ['a malformed cursor', `{ commitments(after: "not-a-cursor!") { totalCount } }`, undefined, /after: is not a cursor/],
    ['a cursor whose date is forged', `query ($a: String) { commitments(after: $a) { totalCount } }`, { a: Buffer.from('["2026-02-30","1"]').toString('base64url') }, /after: is not a cursor/],
    ['a malformed date in a variable', `query ($d: Date) { commitments(asOf: $d) { totalCount } }`, { d: '2026-02-30' }, /there is no 30 February 2026/],
    ['an unknown party code', `{ commitments(filter: { partyCodes: ["PK", "XX"] }) { totalCount } }`, undefined, /filter\.partyCodes: unknown party code XX/],
    ['a malformed party code', `{ followThrough(partyCode: "Pakistan") { total } }`, undefined, /partyCode: "PAKISTAN" is not a party code/],
    ['an unknown party code in followThrough', `{ followThrough(partyCode: "ZZ") { total } }`, undefined, /partyCode: unknown party code ZZ/],
    ['dueAfter after dueBefore', `{ followUps(filter: { dueAfter: "2026-05-01", dueBefore: "2026-04-01" }) { totalCount } }`, undefined, /dueAfter: must not be after dueBefore/],
    ['a malformed node id', `{ node(id: "nonsense") { id } }`, undefined, /id: "nonsense" is not an id/],
    ['an id of the wrong type in a filter', `{ commitments(filter: { engagementId: "${toGlobalId('Party', '1')}" }) { totalCount } }`, undefined, /filter\.engagementId: .* is not an Engagement id/],
    ['a search with control characters', `query ($s: String) { commitments(filter: { search: $s }) { totalCount } }`, { s: 'a\u0000b' }, /search: must not contain control characters/],
  ])('refuses %s with BAD_USER_INPUT', async (_name, query, variables, message) => {
    await fails(query, variables, 'BAD_USER_INPUT', message);
  });

  it('answers NOT_FOUND for a well-formed id of nothing in a filter or followThrough', async () => {
    await fails(`{ followUps(filter: { commitmentId: "${cid('424242')}" }) { totalCount } }`, undefined, 'NOT_FOUND', /No Commitment with id/);
    await fails(`{ followThrough(engagementId: "${toGlobalId('Engagement', '424242')}") { total } }`, undefined, 'NOT_FOUND', /No Engagement with id/);
  });
});
