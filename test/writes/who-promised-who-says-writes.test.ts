import { createSource } from '../support/factories';
import { invariantViolations } from '../support/data-invariants';
import { admin, bearer, CREATE_COMMITMENT, createCommitmentViaApi, gid, HISTORY, REPORT_PROGRESS, startWriteApp, TODAY, WriteApp } from './write-app';

/**
 * Version 2's writes: kinds and roles on commitments, engagements and parties through the API,
 * sources' kind and affiliation, evidence on reports, and the history each of them leaves.
 */
const PARTIES = `kind responsibleParties { code } parties { role party { code } } externalId`;
const CREATE_ENGAGEMENT = `mutation ($input: CreateEngagementInput!) { createEngagement(input: $input) { engagement {
  id title heldOn location externalId parties { code } sources { stance source { id } } } } }`;
const CREATE_PARTY = `mutation ($input: CreatePartyInput!) { createParty(input: $input) { party { id code name } } }`;
const CREATE_SOURCE = `mutation ($input: CreateSourceInput!) { createSource(input: $input) { source { id title kind affiliation { code } externalId } } }`;
const UPDATE_SOURCE = `mutation ($input: UpdateSourceInput!) { updateSource(input: $input) { source { id title outlet kind affiliation { code } } } }`;
const ADD_EVIDENCE = `mutation ($input: AddEvidenceInput!) { addEvidence(input: $input) {
  report { id verification evidence { stance note source { id } } } followUp { id verification } } }`;
const CORRECT_REPORT = `mutation ($input: CorrectReportInput!) { correctReport(input: $input) { report { id corrects { id } } } }`;
const UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { id version ${PARTIES} } } }`;

describe('kinds, roles, engagements, parties, sources and evidence through the API', () => {
  let app: WriteApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    app = await startWriteApp();
    editor = bearer(await app.newKey('desk', 'EDITOR'));
  });
  afterAll(() => app.stop());

  async function ok(query: string, input: Record<string, unknown>, headers = editor) {
    const res = await app.graphql(query, { input }, headers);
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  it('defaults the kind to PLEDGE for one obligor and AGREEMENT for several', async () => {
    const one = await app.graphql(`mutation { createCommitment(input: { title: "Alone", partyCodes: ["PK"] }) { commitment { ${PARTIES} } } }`, {}, editor);
    expect(one.data.createCommitment.commitment).toMatchObject({ kind: 'PLEDGE', parties: [{ role: 'OBLIGOR', party: { code: 'PK' } }] });
    const both = await createCommitmentViaApi(app, { title: 'Together', partyCodes: ['PK', 'CN'] });
    const read = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on Commitment { ${PARTIES} } } }`, { id: both.id });
    expect(read.data.node.kind).toBe('AGREEMENT');
  });

  it('records a request with its obligor, beneficiary and external id, and the CREATED event says so', async () => {
    const data = await ok(CREATE_COMMITMENT.replace('commitment {', `commitment { ${PARTIES} `), {
      title: 'Support the NCCIA', partyCodes: ['CN'], kind: 'REQUEST', otherParties: [{ partyCode: 'pk', role: 'BENEFICIARY' }], externalId: 'nccia-support',
    });
    const c = data.createCommitment.commitment;
    expect(c).toMatchObject({
      kind: 'REQUEST', externalId: 'nccia-support', responsibleParties: [{ code: 'CN' }],
      parties: [{ role: 'OBLIGOR', party: { code: 'CN' } }, { role: 'BENEFICIARY', party: { code: 'PK' } }],
    });
    const history = (await app.graphql(HISTORY, { id: c.id })).data.node.history.nodes;
    expect(history[0]).toMatchObject({ kind: 'CREATED', actor: 'desk', details: { kind: 'REQUEST', partyCodes: ['CN'], otherParties: [{ partyCode: 'PK', role: 'BENEFICIARY' }] } });
  });

  it('turns an accepted invitation into an agreement, with KIND_CHANGED once in the history, by its actor', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Visit Xinjiang', partyCodes: ['PK'], kind: 'INVITATION', otherParties: [{ partyCode: 'CN', role: 'HOST' }] });
    const updated = (await ok(UPDATE, { id: c.id, expectedVersion: 1, kind: 'AGREEMENT' })).updateCommitment.commitment;
    expect(updated).toMatchObject({ version: 2, kind: 'AGREEMENT' });
    const history = (await app.graphql(HISTORY, { id: c.id })).data.node.history.nodes;
    expect(history.map((e: any) => e.kind)).toEqual(['CREATED', 'UPDATED', 'KIND_CHANGED']);
    expect(history[1].details).toMatchObject({ kind: { before: 'INVITATION', after: 'AGREEMENT' } });
    expect(history[2]).toMatchObject({ actor: 'desk', details: { before: 'INVITATION', after: 'AGREEMENT' } });
    // Naming the kind it already has changes nothing worth an event of its own.
    await ok(UPDATE, { id: c.id, expectedVersion: 2, kind: 'AGREEMENT' });
    expect((await app.graphql(HISTORY, { id: c.id })).data.node.history.nodes.map((e: any) => e.kind)).toEqual(['CREATED', 'UPDATED', 'KIND_CHANGED', 'UPDATED']);
  });

  it('creates an engagement with its parties, sources and external id; commitments can then be made there', async () => {
    const sourceId = gid('Source', await createSource(app.db));
    const e = (await ok(CREATE_ENGAGEMENT, { title: ' Beijing talks ', heldOn: '2026-01-07', location: 'Beijing', partyCodes: ['cn', 'PK'], sourceIds: [sourceId], externalId: 'beijing-2026' }))
      .createEngagement.engagement;
    expect(e).toMatchObject({ title: 'Beijing talks', heldOn: '2026-01-07', location: 'Beijing', externalId: 'beijing-2026', parties: [{ code: 'CN' }, { code: 'PK' }], sources: [{ stance: 'CONFIRMS', source: { id: sourceId } }] });
    const c = await createCommitmentViaApi(app, { title: 'Made in Beijing', engagementId: e.id });
    expect(c.madeAt).toEqual({ id: e.id });
  });

  it('lets only an ADMIN create a party, and refuses a taken or malformed code', async () => {
    expect((await app.graphql(CREATE_PARTY, { input: { code: 'XU', name: 'European Union' } }, editor)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const created = (await ok(CREATE_PARTY, { code: 'xu', name: 'European Union' }, admin)).createParty.party;
    expect(created).toMatchObject({ code: 'XU', name: 'European Union' });
    const again = await app.graphql(CREATE_PARTY, { input: { code: 'XU', name: 'Again' } }, admin);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    expect((await app.graphql(CREATE_PARTY, { input: { code: 'X1', name: 'Bad' } }, admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });

  it('records and changes a source\'s kind and affiliation', async () => {
    const s = (await ok(CREATE_SOURCE, { title: 'Xinhua readout', kind: 'STATE_MEDIA', affiliationCode: 'cn', externalId: 'xinhua-1' })).createSource.source;
    expect(s).toMatchObject({ kind: 'STATE_MEDIA', affiliation: { code: 'CN' }, externalId: 'xinhua-1' });
    const changed = (await ok(UPDATE_SOURCE, { id: s.id, outlet: 'Xinhua', kind: null, affiliationCode: null })).updateSource.source;
    expect(changed).toEqual({ id: s.id, title: 'Xinhua readout', outlet: 'Xinhua', kind: null, affiliation: null });
    const back = (await ok(UPDATE_SOURCE, { id: s.id, kind: 'OFFICIAL', affiliationCode: 'PK' })).updateSource.source;
    expect(back).toMatchObject({ outlet: 'Xinhua', kind: 'OFFICIAL', affiliation: { code: 'PK' } });
  });

  it('takes the source given to reportProgress as the first CONFIRMS evidence; addEvidence adds more and moves the verification', async () => {
    const pid = (await ok(CREATE_SOURCE, { title: 'PID press release', kind: 'OFFICIAL', affiliationCode: 'PK' })).createSource.source.id;
    const pti = (await ok(CREATE_SOURCE, { title: 'PTI wire', kind: 'INDEPENDENT_MEDIA' })).createSource.source.id;
    const c = await createCommitmentViaApi(app, { title: 'Open the unit', partyCodes: ['PK'], dueDate: '2026-03-01' });
    const reported = (await ok(REPORT_PROGRESS, { followUpId: c.followUps.nodes[0].id, state: 'DONE', reportedOn: '2026-02-28', sourceId: pid })).reportProgress;
    const reportId = reported.report.id;
    const evidenceOf = async () => (await app.graphql(`query ($id: ID!) { node(id: $id) { ... on ProgressReport { verification evidence { stance note source { id } } } } }`, { id: reportId })).data.node;
    expect(await evidenceOf()).toEqual({ verification: 'CLAIMED', evidence: [{ stance: 'CONFIRMS', note: null, source: { id: pid } }] });

    const corroborated = (await ok(ADD_EVIDENCE, { reportId, sourceId: pti, stance: 'CONFIRMS', note: ' seen by the wire ' })).addEvidence;
    expect(corroborated.report).toMatchObject({ verification: 'CORROBORATED', evidence: [{ source: { id: pid } }, { stance: 'CONFIRMS', note: 'seen by the wire', source: { id: pti } }] });
    expect(corroborated.followUp.verification).toBe('CORROBORATED');
    const disputed = (await ok(ADD_EVIDENCE, { reportId, sourceId: pti, stance: 'CONTRADICTS' })).addEvidence;
    expect(disputed.report.verification).toBe('DISPUTED');

    // Each addition is one write: the version moves, EVIDENCE_ADDED is logged once with its actor.
    const history = (await app.graphql(HISTORY, { id: c.id })).data.node;
    expect(history.version).toBe(4);
    const added = history.history.nodes.filter((e: any) => e.kind === 'EVIDENCE_ADDED');
    expect(added).toEqual([
      expect.objectContaining({ actor: 'desk', followUp: { id: c.followUps.nodes[0].id }, details: expect.objectContaining({ reportId, sourceId: pti, stance: 'CONFIRMS', note: 'seen by the wire' }) }),
      expect.objectContaining({ actor: 'desk', details: expect.objectContaining({ reportId, sourceId: pti, stance: 'CONTRADICTS' }) }),
    ]);
    expect(history.history.nodes.filter((e: any) => e.kind === 'STATUS_CHANGED')).toHaveLength(1);
  });

  it('logs a correction once, as REPORT_CORRECTED naming the report it corrects', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Hold the exercise', dueDate: '2026-03-05' });
    const first = (await ok(REPORT_PROGRESS, { followUpId: c.followUps.nodes[0].id, state: 'DONE', reportedOn: '2026-03-04' })).reportProgress.report.id;
    const corrected = (await ok(CORRECT_REPORT, { reportId: first, state: 'MISSED', reportedOn: '2026-03-06' })).correctReport.report;
    expect(corrected.corrects).toEqual({ id: first });
    const kinds = (await app.graphql(HISTORY, { id: c.id })).data.node.history.nodes.map((e: any) => [e.kind, e.actor, e.details?.supersedes ?? null]);
    expect(kinds).toEqual([
      ['CREATED', 'bootstrap-admin', null],
      ['PROGRESS_REPORTED', 'desk', null],
      ['STATUS_CHANGED', 'desk', null],
      ['REPORT_CORRECTED', 'desk', first],
      ['STATUS_CHANGED', 'desk', null],
    ]);
  });

  it('gives one of several writers racing for an external id the commitment, the others BAD_USER_INPUT, never an internal error', async () => {
    const attempts = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      app.graphql(CREATE_COMMITMENT, { input: { title: `Racer ${i}`, partyCodes: ['PK'], externalId: 'raced-for' } }, editor)));
    expect(attempts.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of attempts.filter((a) => a.errors)) expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.externalId' });
    const [{ constraint }] = await app.db.query(`SELECT conname AS constraint FROM pg_constraint WHERE conrelid = 'commitment'::regclass AND contype = 'u'`);
    expect(constraint).toBe('commitment_external_id_key');
  });

  it('keeps every write\'s invariants: versions count writes, every report has its event, every commitment an obligor', async () => {
    expect(await invariantViolations(app.db)).toEqual({});
  });

  it(`accepts a report dated tomorrow (${TODAY} + 1) without changing today's status`, async () => {
    const c = await createCommitmentViaApi(app, { title: 'Due later', dueDate: '2026-03-20' });
    const res = await ok(REPORT_PROGRESS, { followUpId: c.followUps.nodes[0].id, state: 'DONE', reportedOn: '2026-03-11' });
    expect(res.reportProgress.followUp).toMatchObject({ status: 'DUE_SOON' });
  });
});
