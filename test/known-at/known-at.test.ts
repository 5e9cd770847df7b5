import { createSource } from '../support/factories';
import { admin, CITE_SOURCE, CORRECT_REPORT, createCommitmentViaApi, gid, REPORT_PROGRESS, startWriteApp, UPDATE_COMMITMENT, WriteApp } from '../writes/write-app';

/**
 * knownAt through the API: a commitment is recorded, reported on, corrected, its deadline moved
 * and a source cited, each at its own instant; then a second one is reported done on the word of
 * the obligor's own outlet, confirmed by an independent source and later contradicted. Asked at
 * instants between those writes, every answer is the one the tracker gave then.
 */
let app: WriteApp;
/** The instants each write was recorded at, and instants strictly between them. */
const at: Record<string, string> = {};
let commitmentId: string;
let followUpId: string;
/** The second commitment's follow-up and its DONE report. */
let evidenced: { followUpId: string; reportId: string };

const between = (a: string, b: string) => new Date((Date.parse(a) + Date.parse(b)) / 2).toISOString();
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function ok<T = any>(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
  const res = await app.graphql(query, variables, headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

beforeAll(async () => {
  app = await startWriteApp();
  at.beforeAll = app.clock.now().toISOString();
  await tick();
  const created = await createCommitmentViaApi(app, { title: 'Hold the joint working group', dueDate: '2026-03-20' });
  commitmentId = created.id;
  followUpId = created.followUps.nodes[0].id;
  at.created = created.createdAt;
  await tick();

  const reported = await ok(REPORT_PROGRESS, { input: { followUpId, state: 'DONE', reportedOn: '2026-03-05' } }, admin);
  const reportId = reported.reportProgress.report.id;
  at.reported = (await ok(`query ($id: ID!) { node(id: $id) { ... on ProgressReport { createdAt } } }`, { id: reportId })).node.createdAt;
  await tick();

  // The report was wrong: the meeting did not happen; the correction withdraws it.
  const corrected = await ok(CORRECT_REPORT, { input: { reportId, state: 'IN_PROGRESS', reportedOn: '2026-03-06' } }, admin);
  at.corrected = (await ok(`query ($id: ID!) { node(id: $id) { ... on ProgressReport { createdAt } } }`, { id: corrected.correctReport.report.id })).node.createdAt;
  await tick();

  // The deadline moves from 20 March to 2 April.
  const { version } = (await ok(`query ($id: ID!) { node(id: $id) { ... on Commitment { version } } }`, { id: commitmentId })).node;
  const moved = await ok(UPDATE_COMMITMENT, { input: { id: commitmentId, expectedVersion: version, dueDate: '2026-04-02' } }, admin);
  at.moved = moved.updateCommitment.commitment.updatedAt;
  await tick();

  const sourceId = await createSource(app.db, { title: 'Readout' });
  const cited = await ok(CITE_SOURCE, { input: { commitmentId, sourceId: gid('Source', sourceId), stance: 'CONFIRMS' } }, admin);
  at.cited = cited.citeSource.commitment.updatedAt;
  await tick();

  const [{ id: pk }] = await app.db.query(`SELECT id FROM party WHERE code = 'PK'`);
  const official = gid('Source', await createSource(app.db, { title: 'Ministry readout', kind: 'OFFICIAL', affiliationPartyId: pk }));
  const wire = gid('Source', await createSource(app.db, { title: 'Wire report' }));
  const second = await createCommitmentViaApi(app, { title: 'Set up the unit', dueDate: '2026-03-08' });
  const done = await ok(REPORT_PROGRESS, { input: { followUpId: second.followUps.nodes[0].id, state: 'DONE', reportedOn: '2026-03-07', sourceId: official } }, admin);
  evidenced = { followUpId: second.followUps.nodes[0].id, reportId: done.reportProgress.report.id };
  at.claimed = await createdAtOf(evidenced.reportId);
  await tick();
  await ok(ADD_EVIDENCE, { input: { reportId: evidenced.reportId, sourceId: wire, stance: 'CONFIRMS' } }, admin);
  at.corroborated = await lastEvidenceAt(evidenced.reportId);
  await tick();
  await ok(ADD_EVIDENCE, { input: { reportId: evidenced.reportId, sourceId: wire, stance: 'CONTRADICTS', note: 'the unit exists only on paper' } }, admin);
  at.disputed = await lastEvidenceAt(evidenced.reportId);

  at.afterCreated = between(at.created, at.reported);
  at.afterReported = between(at.reported, at.corrected);
  at.afterCorrected = between(at.corrected, at.moved);
  at.afterMoved = between(at.moved, at.cited);
  at.afterClaimed = between(at.claimed, at.corroborated);
  at.afterCorroborated = between(at.corroborated, at.disputed);
}, 60_000);

const ADD_EVIDENCE = `mutation ($input: AddEvidenceInput!) { addEvidence(input: $input) { report { id } } }`;

async function createdAtOf(reportId: string): Promise<string> {
  return (await ok(`query ($id: ID!) { node(id: $id) { ... on ProgressReport { createdAt } } }`, { id: reportId })).node.createdAt;
}

async function lastEvidenceAt(reportId: string): Promise<string> {
  const { evidence } = (await ok(`query ($id: ID!) { node(id: $id) { ... on ProgressReport { evidence { recordedAt } } } }`, { id: reportId })).node;
  return new Date(evidence[evidence.length - 1].recordedAt).toISOString();
}
afterAll(() => app.stop());

const LIST = `query ($knownAt: DateTime) {
  commitments(asOf: "2026-03-10", knownAt: $knownAt, first: 10) {
    totalCount
    nodes {
      id status nextDueDate sources { stance }
      followUps(first: 10) { totalCount nodes { dueDate originalDueDate status daysOverdue completedOn reports { state reportedOn supersedes { state } followUp { dueDate } } } }
    }
  }
  followUps(asOf: "2026-03-10", knownAt: $knownAt, filter: { status: [DUE_SOON] }) { totalCount nodes { dueDate } }
  followThrough(asOf: "2026-03-25", knownAt: $knownAt) { total byStatus { status count } onTimeRate }
}`;

const statusCount = (data: any, status: string) => data.followThrough.byStatus.find((s: any) => s.status === status).count;

it('knows nothing before the first write', async () => {
  const data = await ok(LIST, { knownAt: at.beforeAll });
  expect(data.commitments).toEqual({ totalCount: 0, nodes: [] });
  expect(data.followUps.totalCount).toBe(0);
  expect(data.followThrough.total).toBe(0);
});

it('answers at the instant of a write as it did just after it: a fact counts from the instant it was recorded', async () => {
  const data = await ok(LIST, { knownAt: at.created });
  expect(data.commitments.totalCount).toBe(1);
  expect(data.commitments.nodes[0].followUps.nodes[0].reports).toEqual([]);
});

it('between recording and report: due 20 March, DUE_SOON, no reports, no sources', async () => {
  const data = await ok(LIST, { knownAt: at.afterCreated });
  const [c] = data.commitments.nodes;
  expect(c).toMatchObject({ id: commitmentId, status: 'DUE_SOON', nextDueDate: '2026-03-20', sources: [] });
  expect(c.followUps.nodes).toEqual([
    { dueDate: '2026-03-20', originalDueDate: '2026-03-20', status: 'DUE_SOON', daysOverdue: null, completedOn: null, reports: [] },
  ]);
  expect(data.followUps).toEqual({ totalCount: 1, nodes: [{ dueDate: '2026-03-20' }] });
  // As of 25 March, with what was known then, the follow-up is overdue and nothing was done.
  expect(statusCount(data, 'OVERDUE')).toBe(1);
  expect(data.followThrough.onTimeRate).toBe(0);
});

it('between report and correction: DONE on 5 March, so done on time', async () => {
  const data = await ok(LIST, { knownAt: at.afterReported });
  const [c] = data.commitments.nodes;
  expect(c.status).toBe('DONE');
  expect(c.nextDueDate).toBeNull();
  expect(c.followUps.nodes[0]).toMatchObject({
    status: 'DONE', completedOn: '2026-03-05',
    reports: [{ state: 'DONE', reportedOn: '2026-03-05', supersedes: null, followUp: { dueDate: '2026-03-20' } }],
  });
  expect(data.followUps.totalCount).toBe(0);
  expect(statusCount(data, 'DONE')).toBe(1);
  expect(data.followThrough.onTimeRate).toBe(1);
});

it('between correction and the deadline move: the withdrawn report no longer counts, the old deadline still stands', async () => {
  const data = await ok(LIST, { knownAt: at.afterCorrected });
  const [c] = data.commitments.nodes;
  expect(c).toMatchObject({ status: 'DUE_SOON', nextDueDate: '2026-03-20' });
  expect(c.followUps.nodes[0]).toMatchObject({ dueDate: '2026-03-20', originalDueDate: '2026-03-20', status: 'DUE_SOON', completedOn: null });
  expect(c.followUps.nodes[0].reports.map((r: any) => r.state)).toEqual(['DONE', 'IN_PROGRESS']);
  expect(statusCount(data, 'OVERDUE')).toBe(1);
  expect(data.followThrough.onTimeRate).toBe(0);
});

it('between the deadline move and the citation: due 2 April (first recorded 20 March), SCHEDULED, not yet cited', async () => {
  const data = await ok(LIST, { knownAt: at.afterMoved });
  const [c] = data.commitments.nodes;
  expect(c).toMatchObject({ status: 'SCHEDULED', nextDueDate: '2026-04-02', sources: [] });
  expect(c.followUps.nodes[0]).toMatchObject({ dueDate: '2026-04-02', originalDueDate: '2026-03-20', status: 'SCHEDULED' });
  expect(c.followUps.nodes[0].reports[0].followUp.dueDate).toBe('2026-04-02');
  expect(data.followUps.totalCount).toBe(0);
  // As of 25 March the moved deadline is not yet due: nothing counts for the on-time rate.
  expect(statusCount(data, 'DUE_SOON')).toBe(1);
  expect(data.followThrough.onTimeRate).toBeNull();
});

it('without knownAt, and with knownAt now, answers with everything recorded', async () => {
  const now = await ok(LIST, {});
  const atNow = await ok(LIST, { knownAt: app.clock.now().toISOString() });
  expect(atNow).toEqual(now);
  expect(now.commitments.nodes[0].sources).toEqual([{ stance: 'CONFIRMS' }]);
  expect(now.commitments.nodes[0].followUps.nodes[0]).toMatchObject({ dueDate: '2026-04-02', originalDueDate: '2026-03-20' });
});

it("lets a field's own knownAt override its root's, and fields without one take the root field's, as asOf does", async () => {
  const data = await ok(`query ($root: DateTime, $own: DateTime) {
    commitments(asOf: "2026-03-10", knownAt: $root) { nodes {
      status ownStatus: status(knownAt: $own) nextDueDate
      followUps { nodes { status dueDate } }
      ownFollowUps: followUps(knownAt: $own) { nodes { status dueDate ownStatus: status(knownAt: $own) } }
    } }
  }`, { root: at.afterMoved, own: at.afterReported });
  expect(data.commitments.nodes).toEqual([{
    status: 'SCHEDULED', ownStatus: 'DONE', nextDueDate: '2026-04-02',
    followUps: { nodes: [{ status: 'SCHEDULED', dueDate: '2026-04-02' }] },
    // The list is the one known then (its rows' due dates too); a status inside it without a
    // knownAt of its own takes the root field's, exactly as a status without asOf does.
    ownFollowUps: { nodes: [{ status: 'SCHEDULED', dueDate: '2026-03-20', ownStatus: 'DONE' }] },
  }]);
  // node(id:) has no knownAt of its own: its fields answer for now unless given one.
  const node = await ok(`query ($id: ID!, $k: DateTime) { node(id: $id) { ... on FollowUp { now: status(asOf: "2026-03-10") then: status(asOf: "2026-03-10", knownAt: $k) } } }`, {
    id: followUpId, k: at.afterReported,
  });
  expect(node.node).toEqual({ now: 'SCHEDULED', then: 'DONE' });
});

describe('a knownAt that cannot be answered', () => {
  const cases: [string, unknown][] = [
    ['in the future', new Date(Date.now() + 10 * 86_400_000 * 365).toISOString()],
    ['not an instant', 'yesterday'],
    ['a date without a time', '2026-03-01'],
    ['an instant without an offset', '2026-03-01T12:00:00'],
  ];
  it.each(cases)('is BAD_USER_INPUT when %s, on every field that takes it', async (_name, knownAt) => {
    for (const query of [
      `query ($k: DateTime) { commitments(knownAt: $k) { totalCount } }`,
      `query ($k: DateTime) { followUps(knownAt: $k) { totalCount } }`,
      `query ($k: DateTime) { followThrough(knownAt: $k) { total } }`,
      `query ($k: DateTime) { commitments { nodes { status(knownAt: $k) } } }`,
      `query ($k: DateTime) { commitments { nodes { followUps(knownAt: $k) { totalCount } } } }`,
      `query ($k: DateTime) { followUps { nodes { status(knownAt: $k) } } }`,
    ]) {
      const res = await app.graphql(query, { k: knownAt });
      expect({ query, codes: res.errors?.map((e: any) => e.extensions.code) }).toEqual({ query, codes: ['BAD_USER_INPUT'] });
      if (knownAt === cases[0][1]) expect(res.errors![0].extensions.field).toBe('knownAt');
    }
  });
});

it('refuses a malformed knownAt written into the query text as the contract says for bad literals (GRAPHQL_VALIDATION_FAILED)', async () => {
  const res = await app.graphql(`{ commitments(knownAt: "yesterday") { totalCount } }`);
  expect(res.errors?.map((e: any) => e.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  // A future instant is well formed, so the field itself refuses it.
  const future = await app.graphql(`{ followThrough(knownAt: "2999-01-01T00:00:00Z") { total } }`);
  expect(future.errors?.map((e: any) => [e.extensions.code, e.extensions.field])).toEqual([['BAD_USER_INPUT', 'knownAt']]);
});

describe('evidence added at distinct instants', () => {
  const EVIDENCED = `query ($id: ID!, $k: DateTime) {
    followUps(asOf: "2026-03-10", knownAt: $k, filter: { status: [DONE] }) { nodes { id verification reports { verification evidence { stance } } } }
    node(id: $id) { ... on FollowUp { verification(asOf: "2026-03-10", knownAt: $k) reports { id } } }
    followThrough(asOf: "2026-03-10", knownAt: $k) { dueFollowUps doneOnTime onTimeRate corroboratedOnTimeRate }
  }`;
  const ask = async (k: string) => ok(EVIDENCED, { id: evidenced.followUpId, k });

  it('before the report: nothing done, nothing to verify', async () => {
    const data = await ask(between(at.cited, at.claimed));
    expect(data.followUps.nodes).toEqual([]);
    // verification has its own knownAt; reports, under node(id:) which has none, are today's.
    expect(data.node).toEqual({ verification: null, reports: [{ id: evidenced.reportId }] });
  });

  it('on the word of the obligor\'s own outlet alone: CLAIMED, so not corroborated', async () => {
    const data = await ask(at.afterClaimed);
    expect(data.followUps.nodes).toEqual([{ id: evidenced.followUpId, verification: 'CLAIMED', reports: [{ verification: 'CLAIMED', evidence: [{ stance: 'CONFIRMS' }] }] }]);
    expect(data.node.verification).toBe('CLAIMED');
    expect(data.followThrough).toEqual({ dueFollowUps: 1, doneOnTime: 1, onTimeRate: 1, corroboratedOnTimeRate: 0 });
  });

  it('once an independent source confirms it: CORROBORATED', async () => {
    const data = await ask(at.afterCorroborated);
    expect(data.followUps.nodes[0].reports).toEqual([{ verification: 'CORROBORATED', evidence: [{ stance: 'CONFIRMS' }, { stance: 'CONFIRMS' }] }]);
    expect(data.node.verification).toBe('CORROBORATED');
    expect(data.followThrough.corroboratedOnTimeRate).toBe(1);
  });

  it('once a source contradicts it: DISPUTED, now and at that instant', async () => {
    for (const k of [at.disputed, app.clock.now().toISOString()]) {
      const data = await ask(k);
      expect(data.followUps.nodes[0].verification).toBe('DISPUTED');
      expect(data.followUps.nodes[0].reports[0].evidence.map((e: any) => e.stance)).toEqual(['CONFIRMS', 'CONFIRMS', 'CONTRADICTS']);
      expect(data.followThrough.corroboratedOnTimeRate).toBe(0);
    }
  });

  it("takes ProgressReport.verification's own knownAt over its root's", async () => {
    const data = await ok(`query ($id: ID!, $k: DateTime) { node(id: $id) { ... on ProgressReport { now: verification then: verification(knownAt: $k) } } }`, {
      id: evidenced.reportId, k: at.afterClaimed,
    });
    expect(data.node).toEqual({ now: 'DISPUTED', then: 'CLAIMED' });
  });
});

it('shows a correction both ways only from the instant it was recorded', async () => {
  const CORRECTIONS = `query ($k: DateTime) { commitments(asOf: "2026-03-10", knownAt: $k, filter: { search: "joint working group" }) { nodes {
    followUps { nodes { reports { state corrects { state } correctedBy { state } } } } } } }`;
  const reports = async (k: string) => (await ok(CORRECTIONS, { k })).commitments.nodes[0].followUps.nodes[0].reports;
  expect(await reports(at.afterReported)).toEqual([{ state: 'DONE', corrects: null, correctedBy: null }]);
  expect(await reports(at.afterCorrected)).toEqual([
    { state: 'DONE', corrects: null, correctedBy: { state: 'IN_PROGRESS' } },
    { state: 'IN_PROGRESS', corrects: { state: 'DONE' }, correctedBy: null },
  ]);
});

it('gives a commitment the kind it had at the instant: an invitation accepted later is still an INVITATION then', async () => {
  const invitation = await createCommitmentViaApi(app, {
    title: 'Attend the forum', dueDate: '2026-03-01', kind: 'INVITATION', partyCodes: ['PK'], otherParties: [{ partyCode: 'CN', role: 'HOST' }],
  });
  const invited = invitation.createdAt;
  await tick();
  const accepted = await ok(UPDATE_COMMITMENT, { input: { id: invitation.id, expectedVersion: invitation.version, kind: 'AGREEMENT' } }, admin);
  const acceptedAt = accepted.updateCommitment.commitment.updatedAt;
  const KINDS = `query ($k: DateTime) {
    commitments(knownAt: $k, filter: { kinds: [INVITATION], search: "Attend the forum" }) { nodes { kind } }
    followUps(knownAt: $k, filter: { kinds: [AGREEMENT], commitmentId: "${invitation.id}" }) { totalCount nodes { commitment { kind } } }
    followThrough(asOf: "2026-03-05", knownAt: $k, kinds: [AGREEMENT, PLEDGE]) { dueFollowUps }
  }`;
  const before = await ok(KINDS, { k: between(invited, acceptedAt) });
  const after = await ok(KINDS, { k: acceptedAt });
  expect(before.commitments.nodes).toEqual([{ kind: 'INVITATION' }]);
  expect(after.commitments.nodes).toEqual([]);
  expect(before.followUps.totalCount).toBe(0);
  expect(after.followUps.nodes).toEqual([{ commitment: { kind: 'AGREEMENT' } }]);
  // Overdue on 5 March and counted as a promise only once it was one.
  expect(after.followThrough.dueFollowUps).toBe(before.followThrough.dueFollowUps + 1);
});
