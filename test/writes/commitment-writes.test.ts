import { createEngagement, createSource } from '../support/factories';
import {
  ADD_FOLLOW_UP, bearer, CITE_SOURCE, createCommitmentViaApi, gid, HISTORY, startWriteApp, TODAY, UPDATE_COMMITMENT, WriteApp,
} from './write-app';

const codeOf = (res: { errors?: any[] }) => res.errors?.[0]?.extensions?.code;

describe('creating and editing commitments', () => {
  let app: WriteApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    app = await startWriteApp();
    editor = bearer(await app.newKey('desk', 'EDITOR'));
  });
  afterAll(() => app.stop());

  it('creates a one-off commitment at version 1 with one follow-up due on its date, its parties, engagement and sources', async () => {
    const engagementId = await createEngagement(app.db, { title: 'Islamabad talks' });
    const sourceId = await createSource(app.db);
    const c = await createCommitmentViaApi(app, {
      title: '  Hold the joint working group  ',
      description: 'Counter-terrorism JWG.',
      partyCodes: ['pk', ' CN'],
      engagementId: gid('Engagement', engagementId),
      dueDate: '2026-06-30',
      sourceIds: [gid('Source', sourceId)],
    }, editor);
    expect(c).toMatchObject({ title: 'Hold the joint working group', description: 'Counter-terrorism JWG.', recurrence: null, version: 1 });
    expect(c.responsibleParties.map((p: any) => p.code).sort()).toEqual(['CN', 'PK']);
    expect(c.followUps.nodes).toEqual([expect.objectContaining({ title: 'Hold the joint working group', dueDate: '2026-06-30', status: 'SCHEDULED' })]);
    expect(c.sources).toEqual([{ stance: 'CONFIRMS', note: null, source: { id: gid('Source', sourceId) } }]);
    expect(c.madeAt).toEqual({ id: gid('Engagement', engagementId) });
  });

  it('creates an undated commitment with one undated follow-up', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Enhance security cooperation' });
    expect(c.followUps.nodes).toEqual([expect.objectContaining({ dueDate: null, status: 'UNDATED' })]);
  });

  it('creates a recurring commitment and generates its follow-ups from the rule through the horizon', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Quarterly review', recurrence: 'FREQ=MONTHLY;INTERVAL=3', startsOn: '2026-01-15' });
    expect(c.recurrence).toBe('FREQ=MONTHLY;INTERVAL=3');
    const dues = c.followUps.nodes.map((f: any) => f.dueDate);
    expect(dues.slice(0, 3)).toEqual(['2026-01-15', '2026-04-15', '2026-07-15']);
    expect(dues.length).toBeGreaterThanOrEqual(9); // two years ahead of today, and the past one
    expect(c.followUps.nodes[0].status).toBe('OVERDUE');
  });

  it('records CREATED with the actor in the history', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Logged', dueDate: '2026-05-01' }, editor);
    const res = await app.graphql(HISTORY, { id: c.id });
    expect(res.data.node.history.nodes).toEqual([expect.objectContaining({ kind: 'CREATED', status: 'SCHEDULED', actor: 'desk' })]);
    expect(res.data.node.history.nodes[0].details).toMatchObject({ title: 'Logged', dueDate: '2026-05-01', partyCodes: ['PK'] });
  });

  it('updates title and description with the current version, bumping it and logging before/after', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Old title', dueDate: '2026-05-01' });
    const res = await app.graphql(UPDATE_COMMITMENT, { input: { id: c.id, expectedVersion: 1, title: 'New title', description: 'Now described' } }, editor);
    expect(res.errors).toBeUndefined();
    const updated = res.data.updateCommitment.commitment;
    expect(updated).toMatchObject({ title: 'New title', description: 'Now described', version: 2 });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(c.updatedAt).getTime());
    // The one-off follow-up is titled like its commitment and follows the rename.
    expect(updated.followUps.nodes[0].title).toBe('New title');
    const event = (await app.graphql(HISTORY, { id: c.id })).data.node.history.nodes[1];
    expect(event).toMatchObject({
      kind: 'UPDATED',
      actor: 'desk',
      details: { version: { before: 1, after: 2 }, title: { before: 'Old title', after: 'New title' }, description: { before: null, after: 'Now described' } },
    });
  });

  it('clears a description with null and keeps fields that are omitted', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Keep me', description: 'To clear' });
    const res = await app.graphql(UPDATE_COMMITMENT, { input: { id: c.id, expectedVersion: 1, description: null } }, editor);
    expect(res.data.updateCommitment.commitment).toMatchObject({ title: 'Keep me', description: null, version: 2 });
  });

  it('moves the due date of a one-off commitment and logs the follow-up status change', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Move me', dueDate: '2026-12-01' });
    const res = await app.graphql(UPDATE_COMMITMENT, { input: { id: c.id, expectedVersion: 1, dueDate: '2026-03-01' } }, editor);
    expect(res.errors).toBeUndefined();
    expect(res.data.updateCommitment.commitment.followUps.nodes[0]).toMatchObject({ dueDate: '2026-03-01', status: 'OVERDUE' });
    const history = (await app.graphql(HISTORY, { id: c.id })).data.node.history.nodes;
    expect(history.map((e: any) => e.kind)).toEqual(['CREATED', 'UPDATED', 'DEADLINE_MOVED', 'STATUS_CHANGED']);
    expect(history[2]).toMatchObject({ actor: 'desk', details: { before: '2026-12-01', after: '2026-03-01' }, followUp: { id: c.followUps.nodes[0].id } });
    expect(history[3]).toMatchObject({ previousStatus: 'SCHEDULED', status: 'OVERDUE', followUp: { id: c.followUps.nodes[0].id } });
  });

  it('refuses to move the due date of a recurring commitment, explaining why, and changes nothing', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Recurs', recurrence: 'FREQ=YEARLY', startsOn: '2026-05-01' });
    const res = await app.graphql(UPDATE_COMMITMENT, { input: { id: c.id, expectedVersion: 1, dueDate: '2026-06-01' } }, editor);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe('input.dueDate');
    expect(res.errors![0].message).toMatch(/recurs/);
    expect((await app.db.query(`SELECT version FROM commitment WHERE title = 'Recurs'`))[0].version).toBe(1);
  });

  it('refuses a stale version with CONFLICT naming the current version, changing nothing', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Contested' });
    await app.graphql(UPDATE_COMMITMENT, { input: { id: c.id, expectedVersion: 1, title: 'First edit' } }, editor);
    const res = await app.graphql(UPDATE_COMMITMENT, { input: { id: c.id, expectedVersion: 1, title: 'Stale edit' } }, editor);
    expect(codeOf(res)).toBe('CONFLICT');
    expect(res.errors![0].extensions.currentVersion).toBe(2);
    const [row] = await app.db.query(`SELECT title, version FROM commitment WHERE title IN ('First edit', 'Stale edit')`);
    expect(row).toEqual({ title: 'First edit', version: 2 });
    const history = (await app.graphql(HISTORY, { id: c.id })).data.node.history.nodes;
    expect(history.map((e: any) => e.kind)).toEqual(['CREATED', 'UPDATED']);
  });

  it('answers NOT_FOUND for updating a commitment that does not exist', async () => {
    const res = await app.graphql(UPDATE_COMMITMENT, { input: { id: gid('Commitment', 999999), expectedVersion: 1, title: 'x' } }, editor);
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(res.errors![0].extensions.field).toBe('input.id');
  });

  it('cites a source with a stance, changes the stance on a second citation, and bumps the version each time', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Cited' });
    const sourceId = gid('Source', await createSource(app.db));
    const first = await app.graphql(CITE_SOURCE, { input: { commitmentId: c.id, sourceId, stance: 'OMITS', note: 'Not in the Chinese readout' } }, editor);
    expect(first.errors).toBeUndefined();
    expect(first.data.citeSource.commitment).toMatchObject({ version: 2, sources: [{ stance: 'OMITS', note: 'Not in the Chinese readout', source: { id: sourceId } }] });
    const second = await app.graphql(CITE_SOURCE, { input: { commitmentId: c.id, sourceId, stance: 'CONTRADICTS', expectedVersion: 2 } }, editor);
    expect(second.data.citeSource.commitment).toMatchObject({ version: 3, sources: [{ stance: 'CONTRADICTS', note: null }] });
    const stale = await app.graphql(CITE_SOURCE, { input: { commitmentId: c.id, sourceId, stance: 'CONFIRMS', expectedVersion: 2 } }, editor);
    expect(codeOf(stale)).toBe('CONFLICT');
  });

  it('adds a follow-up by hand, bumping the version and logging it', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Grows' });
    const res = await app.graphql(ADD_FOLLOW_UP, { input: { commitmentId: c.id, title: 'Sign the MoU', dueDate: '2026-03-20' } }, editor);
    expect(res.errors).toBeUndefined();
    expect(res.data.addFollowUp.followUp).toMatchObject({ title: 'Sign the MoU', dueDate: '2026-03-20', status: 'DUE_SOON', commitment: { id: c.id, version: 2 } });
    const history = (await app.graphql(HISTORY, { id: c.id })).data.node.history.nodes;
    expect(history.map((e: any) => e.kind)).toEqual(['CREATED', 'UPDATED']);
    expect(history[1].followUp.id).toBe(res.data.addFollowUp.followUp.id);
  });

  it('stamps events with the server clock', async () => {
    await createCommitmentViaApi(app, { title: 'Clocked' });
    const [event] = await app.db.query(`SELECT occurred_at FROM commitment_event ORDER BY id DESC LIMIT 1`);
    expect(event.occurred_at.toISOString().slice(0, 10)).toBe(TODAY);
  });

  it('needs a key for every commitment mutation', async () => {
    const c = await createCommitmentViaApi(app, { title: 'Guarded' });
    const sourceId = gid('Source', await createSource(app.db));
    for (const [query, input] of [
      [UPDATE_COMMITMENT, { id: c.id, expectedVersion: 1, title: 'x' }],
      [CITE_SOURCE, { commitmentId: c.id, sourceId, stance: 'CONFIRMS' }],
      [ADD_FOLLOW_UP, { commitmentId: c.id, title: 'x' }],
    ] as const) {
      expect(codeOf(await app.graphql(query, { input }))).toBe('UNAUTHENTICATED');
    }
    expect((await app.db.query(`SELECT version FROM commitment WHERE title = 'Guarded'`))[0].version).toBe(1);
  });
});
