import {
  admin, bearer, CORRECT_REPORT, createCommitmentViaApi, HISTORY, REPORT_PROGRESS, startWriteApp, WriteApp,
} from './write-app';

const STATUS_AT = `query ($id: ID!, $a: Date!, $b: Date!, $c: Date!) { node(id: $id) { ... on FollowUp {
  before: status(asOf: $a) between: status(asOf: $b) after: status(asOf: $c) completedOn
  reports { id state reportedOn } } } }`;

describe('status follows reports', () => {
  let app: WriteApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    app = await startWriteApp();
    editor = bearer(await app.newKey('reporter'));
  });
  afterAll(() => app.stop());

  async function followUpDue(dueDate: string): Promise<{ commitmentId: string; followUpId: string }> {
    const c = await createCommitmentViaApi(app, { title: `Due ${dueDate}`, dueDate });
    return { commitmentId: c.id, followUpId: c.followUps.nodes[0].id };
  }

  it('after reportProgress(DONE) a follow-up is DONE from reportedOn on, and still OVERDUE between its due date and reportedOn', async () => {
    const { commitmentId, followUpId } = await followUpDue('2026-02-01');
    const res = await app.graphql(REPORT_PROGRESS, {
      input: { followUpId, state: 'DONE', reportedOn: '2026-02-20', note: 'Held in Beijing' },
    }, editor);
    expect(res.errors).toBeUndefined();
    expect(res.data.reportProgress).toMatchObject({
      report: { state: 'DONE', reportedOn: '2026-02-20', note: 'Held in Beijing' },
      followUp: { id: followUpId, status: 'DONE', completedOn: '2026-02-20' },
    });
    const node = (await app.graphql(STATUS_AT, { id: followUpId, a: '2026-01-20', b: '2026-02-10', c: '2026-02-20' })).data.node;
    expect([node.before, node.between, node.after]).toEqual(['DUE_SOON', 'OVERDUE', 'DONE']);

    const history = (await app.graphql(HISTORY, { id: commitmentId })).data.node;
    expect(history.version).toBe(2);
    expect(history.history.nodes.map((e: any) => [e.kind, e.previousStatus, e.status])).toEqual([
      ['CREATED', null, 'OVERDUE'],
      ['PROGRESS_REPORTED', null, null],
      ['STATUS_CHANGED', 'OVERDUE', 'DONE'],
    ]);
    const [reported] = await app.db.query(`SELECT actor, details FROM commitment_event WHERE kind = 'PROGRESS_REPORTED'`);
    expect(reported).toMatchObject({ actor: 'reporter', details: { state: 'DONE', reportedOn: '2026-02-20', reportId: res.data.reportProgress.report.id } });
  });

  it('logs no status change for an IN_PROGRESS report or one dated after today', async () => {
    const { commitmentId, followUpId } = await followUpDue('2026-02-01');
    await app.graphql(REPORT_PROGRESS, { input: { followUpId, state: 'IN_PROGRESS', reportedOn: '2026-03-01' } }, editor);
    await app.graphql(REPORT_PROGRESS, { input: { followUpId, state: 'DONE', reportedOn: '2026-03-11' } }, editor);
    const history = (await app.graphql(HISTORY, { id: commitmentId })).data.node;
    expect(history.history.nodes.map((e: any) => e.kind)).toEqual(['CREATED', 'PROGRESS_REPORTED', 'PROGRESS_REPORTED']);
    expect(history.version).toBe(3);
  });

  it('corrects a report by superseding it: the old row stays, the status follows the correction', async () => {
    const { commitmentId, followUpId } = await followUpDue('2026-02-01');
    const done = await app.graphql(REPORT_PROGRESS, { input: { followUpId, state: 'DONE', reportedOn: '2026-02-15' } }, editor);
    const doneId = done.data.reportProgress.report.id;

    const corrected = await app.graphql(CORRECT_REPORT, { input: { reportId: doneId, state: 'MISSED', reportedOn: '2026-02-28', note: 'It never happened' } }, editor);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.correctReport).toMatchObject({
      report: { state: 'MISSED', reportedOn: '2026-02-28', supersedes: { id: doneId } },
      followUp: { status: 'MISSED', completedOn: null },
    });
    const node = (await app.graphql(STATUS_AT, { id: followUpId, a: '2026-02-10', b: '2026-02-20', c: '2026-03-01' })).data.node;
    expect([node.before, node.between, node.after]).toEqual(['OVERDUE', 'OVERDUE', 'MISSED']);
    // Both reports are kept.
    expect(node.reports.map((r: any) => r.state).sort()).toEqual(['DONE', 'MISSED']);
    const history = (await app.graphql(HISTORY, { id: commitmentId })).data.node.history.nodes;
    expect(history.filter((e: any) => e.kind === 'STATUS_CHANGED').map((e: any) => [e.previousStatus, e.status])).toEqual([
      ['OVERDUE', 'DONE'],
      ['DONE', 'MISSED'],
    ]);
  });

  it('withdraws a report by correcting it to IN_PROGRESS, reopening the follow-up', async () => {
    const { followUpId } = await followUpDue('2026-02-01');
    const done = await app.graphql(REPORT_PROGRESS, { input: { followUpId, state: 'DONE', reportedOn: '2026-02-15' } }, editor);
    const res = await app.graphql(CORRECT_REPORT, { input: { reportId: done.data.reportProgress.report.id, state: 'IN_PROGRESS', reportedOn: '2026-02-15' } }, editor);
    expect(res.data.correctReport.followUp.status).toBe('OVERDUE');
  });

  it('refuses to correct a report twice with CONFLICT pointing at the correction', async () => {
    const { followUpId } = await followUpDue('2026-02-01');
    const done = await app.graphql(REPORT_PROGRESS, { input: { followUpId, state: 'DONE', reportedOn: '2026-02-15' } }, editor);
    const doneId = done.data.reportProgress.report.id;
    const first = await app.graphql(CORRECT_REPORT, { input: { reportId: doneId, state: 'DONE', reportedOn: '2026-02-16' } }, editor);
    const second = await app.graphql(CORRECT_REPORT, { input: { reportId: doneId, state: 'MISSED', reportedOn: '2026-02-16' } }, admin);
    expect(second.errors![0].extensions).toMatchObject({ code: 'CONFLICT', correctedBy: first.data.correctReport.report.id });
    expect((await app.db.query(`SELECT count(*)::int AS n FROM progress_report WHERE state = 'MISSED' AND reported_on = '2026-02-16'`))[0].n).toBe(0);
  });
});
