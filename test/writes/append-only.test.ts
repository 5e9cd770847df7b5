import { createCommitmentViaApi, REPORT_PROGRESS, startWriteApp, admin, WriteApp } from './write-app';

/** The database itself refuses to rewrite history, whoever asks: these go straight to SQL. */
describe('append-only history and reports', () => {
  let app: WriteApp;
  beforeAll(async () => {
    app = await startWriteApp();
    const c = await createCommitmentViaApi(app, { title: 'Written once', dueDate: '2026-03-01' });
    const source = await app.graphql(`mutation { createSource(input: { title: "Dawn" }) { source { id } } }`, {}, admin);
    const res = await app.graphql(REPORT_PROGRESS, {
      input: { followUpId: c.followUps.nodes[0].id, state: 'DONE', reportedOn: '2026-03-02', sourceId: source.data.createSource.source.id },
    }, admin);
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => app.stop());

  const counts = async () => ({
    events: (await app.db.query(`SELECT count(*)::int AS n, string_agg(kind || coalesce(status, ''), ',' ORDER BY id) AS k FROM commitment_event`))[0],
    reports: (await app.db.query(`SELECT count(*)::int AS n, string_agg(state || reported_on, ',' ORDER BY id) AS k FROM progress_report`))[0],
    evidence: (await app.db.query(`SELECT count(*)::int AS n, string_agg(stance || source_id, ',' ORDER BY id) AS k FROM evidence`))[0],
  });

  it.each([
    ['UPDATE commitment_event SET status = \'MISSED\''],
    ['UPDATE commitment_event SET actor = \'someone else\' WHERE kind = \'CREATED\''],
    ['DELETE FROM commitment_event'],
    ['DELETE FROM commitment_event WHERE kind = \'STATUS_CHANGED\''],
    ['TRUNCATE commitment_event CASCADE'],
    ['UPDATE progress_report SET state = \'MISSED\''],
    ['UPDATE progress_report SET reported_on = reported_on + 1'],
    ['DELETE FROM progress_report'],
    ['TRUNCATE progress_report CASCADE'],
    ['UPDATE evidence SET stance = \'CONTRADICTS\''],
    ['DELETE FROM evidence'],
    ['TRUNCATE evidence'],
  ])('refuses %s', async (sql) => {
    const before = await counts();
    expect(before.events.n).toBeGreaterThan(0);
    await expect(app.db.query(sql)).rejects.toThrow(/append-only/);
    expect(await counts()).toEqual(before);
  });
});
