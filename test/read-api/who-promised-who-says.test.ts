import { toGlobalId } from '../../src/graphql/global-id';
import {
  createCommitment, createEngagement, createEvidence, createFollowUp, createParty, createPerson, createReport, createSource, linkEngagement,
} from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The read side of version 2's "who promised what" and "who says it happened": kinds, roles,
 * engagements' parties, people and sources, sources' kind and affiliation, evidence and
 * verification, corrections both ways, and the follow-through counts that say what they count.
 */
let app: TestApp;
const ids: Record<string, string> = {};
const gid = toGlobalId;

beforeAll(async () => {
  app = await startTestApp({ env: { SCHEDULER_INTERVAL_MS: '86400000' } });
  const db = app.db;
  const pk = (ids.pk = await createParty(db, 'PK', 'Pakistan'));
  const cn = (ids.cn = await createParty(db, 'CN', 'China'));
  const e = (ids.e = await createEngagement(db, { title: 'Beijing talks', heldOn: '2026-01-07' }));
  ids.xinhua = await createSource(db, { title: 'Xinhua readout', kind: 'STATE_MEDIA', affiliationPartyId: cn });
  ids.pid = await createSource(db, { title: 'PID press release', kind: 'OFFICIAL', affiliationPartyId: pk });
  ids.pti = await createSource(db, { title: 'PTI wire', kind: 'INDEPENDENT_MEDIA' });
  ids.naqvi = await createPerson(db, { partyId: pk, name: 'Mohsin Naqvi', title: 'Federal Interior Minister' });
  ids.wang = await createPerson(db, { partyId: cn, name: 'Wang Xiaohong', title: 'Minister of Public Security' });
  await linkEngagement(db, e, { partyIds: [pk, cn], personIds: [ids.wang, ids.naqvi], sources: [{ sourceId: ids.pti, stance: 'CONFIRMS' }, { sourceId: ids.xinhua, stance: 'OMITS' }] });

  // A PK pledge (due 02-01) done on time, claimed only by PK's own press release: CLAIMED.
  ids.pledge = await createCommitment(db, { title: 'Protection unit', engagementId: e, partyIds: [pk], sourceIds: [ids.pid] });
  ids.pledgeF = await createFollowUp(db, { commitmentId: ids.pledge, dueDate: '2026-02-01' });
  ids.pledgeR = await createReport(db, { followUpId: ids.pledgeF, state: 'DONE', reportedOn: '2026-01-20' });
  await createEvidence(db, { reportId: ids.pledgeR, sourceId: ids.pid, stance: 'CONFIRMS' });
  await createEvidence(db, { reportId: ids.pledgeR, sourceId: ids.xinhua, stance: 'OMITS' });

  // A PK request of CN (CN the obligor, PK the beneficiary), due 02-10, done late (02-20); CN's state
  // media confirms it, PTI confirms too: CORROBORATED. Xinhua omits it from the commitment's citations.
  ids.request = await createCommitment(db, { title: 'Support for the NCCIA', engagementId: e, kind: 'REQUEST', partyIds: [cn], otherParties: [{ partyId: pk, role: 'BENEFICIARY' }] });
  await app.db.query(`INSERT INTO source_citation (commitment_id, source_id, stance) VALUES ($1, $2, 'OMITS')`, [ids.request, ids.xinhua]);
  ids.requestF = await createFollowUp(db, { commitmentId: ids.request, dueDate: '2026-02-10' });
  ids.requestR = await createReport(db, { followUpId: ids.requestF, state: 'DONE', reportedOn: '2026-02-20' });
  await createEvidence(db, { reportId: ids.requestR, sourceId: ids.xinhua, stance: 'CONFIRMS' });

  // An agreement of both, due 02-15, with nothing reported: unreported. Its second follow-up, due
  // 02-05, was done on time, confirmed by PTI, then disputed by PID: DISPUTED. A third was reported
  // DONE on time, then corrected to MISSED.
  ids.agreement = await createCommitment(db, { title: 'Joint working group', engagementId: e, partyIds: [pk, cn], sourceIds: [ids.pti] });
  ids.agreementF1 = await createFollowUp(db, { commitmentId: ids.agreement, dueDate: '2026-02-15' });
  ids.agreementF2 = await createFollowUp(db, { commitmentId: ids.agreement, dueDate: '2026-02-05' });
  ids.agreementR2 = await createReport(db, { followUpId: ids.agreementF2, state: 'DONE', reportedOn: '2026-02-01', sourceId: ids.pti });
  await createEvidence(db, { reportId: ids.agreementR2, sourceId: ids.pti, stance: 'CONFIRMS' });
  await createEvidence(db, { reportId: ids.agreementR2, sourceId: ids.pid, stance: 'CONTRADICTS', note: 'says the meeting was postponed' });
  ids.agreementF3 = await createFollowUp(db, { commitmentId: ids.agreement, dueDate: '2026-02-03' });
  ids.agreementR3 = await createReport(db, { followUpId: ids.agreementF3, state: 'DONE', reportedOn: '2026-02-01' });
  ids.agreementR3b = await createReport(db, { followUpId: ids.agreementF3, state: 'MISSED', reportedOn: '2026-02-04', supersedesId: ids.agreementR3 });
  // A fourth, due 02-20, has nothing reported; a fifth, due 02-08, was done on time and PTI confirms it.
  await createFollowUp(db, { commitmentId: ids.agreement, dueDate: '2026-02-20' });
  ids.agreementF5 = await createFollowUp(db, { commitmentId: ids.agreement, dueDate: '2026-02-08' });
  ids.agreementR5 = await createReport(db, { followUpId: ids.agreementF5, state: 'DONE', reportedOn: '2026-02-07' });
  await createEvidence(db, { reportId: ids.agreementR5, sourceId: ids.pti, stance: 'CONFIRMS' });
  // The first has only an IN_PROGRESS report, confirmed by Xinhua alone.
  ids.agreementR1 = await createReport(db, { followUpId: ids.agreementF1, state: 'IN_PROGRESS', reportedOn: '2026-01-01' });
  await createEvidence(db, { reportId: ids.agreementR1, sourceId: ids.xinhua, stance: 'CONFIRMS' });

  // An invitation to CN hosted by PK, undated.
  ids.invitation = await createCommitment(db, { title: 'Visit to Pakistan', engagementId: e, kind: 'INVITATION', partyIds: [cn], otherParties: [{ partyId: pk, role: 'HOST' }] });
  await createFollowUp(db, { commitmentId: ids.invitation, dueDate: null });
});
afterAll(() => app.stop());

async function ok(query: string, variables?: Record<string, unknown>) {
  const res = await app.graphql(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
}

async function titles(filter: Record<string, unknown>): Promise<string[]> {
  const data = await ok(`query ($f: CommitmentFilter) { commitments(filter: $f, asOf: "2026-03-01") { totalCount nodes { title } } }`, { f: filter });
  expect(data.commitments.totalCount).toBe(data.commitments.nodes.length);
  return data.commitments.nodes.map((n: { title: string }) => n.title).sort();
}

describe('kinds and roles', () => {
  it('gives each commitment its kind and every party once with its role; responsibleParties are exactly the obligors', async () => {
    const data = await ok(`query ($id: ID!) { node(id: $id) { ... on Commitment { kind responsibleParties { code } parties { role party { code } } } } }`, { id: gid('Commitment', ids.request) });
    expect(data.node).toEqual({ kind: 'REQUEST', responsibleParties: [{ code: 'CN' }], parties: [{ role: 'OBLIGOR', party: { code: 'CN' } }, { role: 'BENEFICIARY', party: { code: 'PK' } }] });
  });

  it('filters partyCodes by obligor, involvingPartyCodes by any role, and kinds', async () => {
    expect(await titles({ partyCodes: ['PK'] })).toEqual(['Joint working group', 'Protection unit']);
    expect(await titles({ involvingPartyCodes: ['PK'] })).toEqual(['Joint working group', 'Protection unit', 'Support for the NCCIA', 'Visit to Pakistan']);
    expect(await titles({ kinds: ['REQUEST', 'INVITATION'] })).toEqual(['Support for the NCCIA', 'Visit to Pakistan']);
    expect(await titles({ kinds: ['AGREEMENT', 'PLEDGE'], partyCodes: ['CN'] })).toEqual(['Joint working group']);
  });

  it('filters by a cited source and by stances: what a source left out is one query', async () => {
    expect(await titles({ sourceId: gid('Source', ids.xinhua), stances: ['OMITS'] })).toEqual(['Support for the NCCIA']);
    expect(await titles({ sourceId: gid('Source', ids.pti) })).toEqual(['Joint working group']);
    expect(await titles({ stances: ['CONFIRMS'] })).toEqual(['Joint working group', 'Protection unit']);
  });

  it('filters follow-ups by engagement and kinds, and by obligor party', async () => {
    const data = await ok(`query ($e: ID!) { a: followUps(filter: { engagementId: $e, kinds: [REQUEST] }) { totalCount }
      b: followUps(filter: { partyCodes: ["CN"] }) { totalCount } }`, { e: gid('Engagement', ids.e) });
    expect(data).toEqual({ a: { totalCount: 1 }, b: { totalCount: 7 } });
  });
});

describe('engagements, people and sources', () => {
  it('lists an engagement\'s parties, participants with their party, and sources with stances', async () => {
    const data = await ok(`query ($id: ID!) { node(id: $id) { ... on Engagement { externalId parties { code }
      participants { id name title party { code } } sources { stance source { title } } } } }`, { id: gid('Engagement', ids.e) });
    expect(data.node).toEqual({
      externalId: null,
      parties: [{ code: 'CN' }, { code: 'PK' }],
      participants: [
        { id: gid('Person', ids.wang), name: 'Wang Xiaohong', title: 'Minister of Public Security', party: { code: 'CN' } },
        { id: gid('Person', ids.naqvi), name: 'Mohsin Naqvi', title: 'Federal Interior Minister', party: { code: 'PK' } },
      ],
      sources: [{ stance: 'CONFIRMS', source: { title: 'PTI wire' } }, { stance: 'OMITS', source: { title: 'Xinhua readout' } }],
    });
  });

  it('answers node(id) for a person', async () => {
    const data = await ok(`query ($id: ID!) { node(id: $id) { __typename ... on Person { name } } }`, { id: gid('Person', ids.naqvi) });
    expect(data.node).toEqual({ __typename: 'Person', name: 'Mohsin Naqvi' });
  });

  it('gives a source its kind, affiliation and the commitments citing it', async () => {
    const data = await ok(`query ($id: ID!) { node(id: $id) { ... on Source { kind affiliation { code } externalId
      citedBy(first: 1) { totalCount pageInfo { hasNextPage } nodes { title } } } } }`, { id: gid('Source', ids.xinhua) });
    expect(data.node).toEqual({ kind: 'STATE_MEDIA', affiliation: { code: 'CN' }, externalId: null, citedBy: { totalCount: 1, pageInfo: { hasNextPage: false }, nodes: [{ title: 'Support for the NCCIA' }] } });
    const independent = await ok(`query ($id: ID!) { node(id: $id) { ... on Source { kind affiliation { code } } } }`, { id: gid('Source', ids.pti) });
    expect(independent.node).toEqual({ kind: 'INDEPENDENT_MEDIA', affiliation: null });
  });
});

describe('evidence and verification', () => {
  const REPORT = `query ($id: ID!) { node(id: $id) { ... on ProgressReport { verification evidence { stance note source { title } recordedAt }
    corrects { id } correctedBy { id } } } }`;
  const report = async (id: string) => (await ok(REPORT, { id: gid('ProgressReport', id) })).node;

  it('lists evidence oldest first and follows the verification rules', async () => {
    const claimed = await report(ids.pledgeR);
    expect(claimed.verification).toBe('CLAIMED');
    expect(claimed.evidence.map((e: any) => [e.stance, e.source.title])).toEqual([['CONFIRMS', 'PID press release'], ['OMITS', 'Xinhua readout']]);
    expect(typeof claimed.evidence[0].recordedAt).toBe('string');
    // Xinhua speaks for CN, but CN is the obligor of this request: its confirmation is the obligor's own.
    expect((await report(ids.requestR)).verification).toBe('CLAIMED');
    const disputed = await report(ids.agreementR2);
    expect(disputed.verification).toBe('DISPUTED');
    expect(disputed.evidence[1]).toMatchObject({ stance: 'CONTRADICTS', note: 'says the meeting was postponed' });
    expect((await report(ids.agreementR3)).verification).toBe('UNSOURCED');
  });

  it('shows corrections both ways', async () => {
    expect(await report(ids.agreementR3)).toMatchObject({ corrects: null, correctedBy: { id: gid('ProgressReport', ids.agreementR3b) } });
    expect(await report(ids.agreementR3b)).toMatchObject({ corrects: { id: gid('ProgressReport', ids.agreementR3) }, correctedBy: null });
  });

  it("gives a follow-up the verification of the report deciding its status as of asOf, null while open", async () => {
    const q = `query ($id: ID!) { node(id: $id) { ... on FollowUp { now: verification(asOf: "2026-03-01") before: verification(asOf: "2026-01-19") status(asOf: "2026-03-01") } } }`;
    expect((await ok(q, { id: gid('FollowUp', ids.pledgeF) })).node).toEqual({ now: 'CLAIMED', before: null, status: 'DONE' });
    expect((await ok(q, { id: gid('FollowUp', ids.agreementF1) })).node).toEqual({ now: null, before: null, status: 'OVERDUE' });
    // The corrected DONE no longer decides; the MISSED correction, unsourced, does.
    expect((await ok(q, { id: gid('FollowUp', ids.agreementF3) })).node).toEqual({ now: 'UNSOURCED', before: null, status: 'MISSED' });
  });

  it('is CORROBORATED when a source independent of the obligors confirms', async () => {
    // Xinhua speaks for CN, an obligor of this agreement too: the obligors' own word.
    expect((await report(ids.agreementR1)).verification).toBe('CLAIMED');
    expect((await report(ids.agreementR5)).verification).toBe('CORROBORATED');
  });
});

describe('followThrough says what it counts', () => {
  const FT = `query ($p: String, $k: [CommitmentKind!]) { followThrough(asOf: "2026-03-01", partyCode: $p, kinds: $k) {
    total dueFollowUps doneOnTime doneLate unreported onTimeRate corroboratedOnTimeRate } }`;

  it('splits the due follow-ups into on time, late and unreported, and rates the corroborated', async () => {
    // Due before 03-01 and not cancelled: the pledge (on time, claimed), the request (late), and the
    // agreement's five: F1 (IN_PROGRESS only), F2 (on time, disputed), F3 (missed), F4 (unreported),
    // F5 (on time, corroborated).
    const all = (await ok(FT)).followThrough;
    expect(all).toEqual({ total: 4, dueFollowUps: 7, doneOnTime: 3, doneLate: 1, unreported: 1, onTimeRate: 3 / 7, corroboratedOnTimeRate: 1 / 7 });
  });

  it('counts a party\'s obligations only, and only the kinds asked for', async () => {
    expect((await ok(FT, { p: 'CN' })).followThrough).toMatchObject({ total: 3, dueFollowUps: 6 });
    expect((await ok(FT, { p: 'PK', k: ['AGREEMENT', 'PLEDGE'] })).followThrough).toMatchObject({ total: 2, dueFollowUps: 6, doneOnTime: 3 });
    expect((await ok(FT, { k: ['REQUEST'] })).followThrough).toMatchObject({ total: 1, dueFollowUps: 1, doneOnTime: 0, doneLate: 1, onTimeRate: 0 });
  });
});
