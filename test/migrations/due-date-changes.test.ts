import { createTestDatabase, migrateDownBefore, TestDatabase } from '../support/database';

/**
 * A database from before due-date moves were recorded (migrated back down past
 * 1768500000000-DueDateChanges) migrates up with the moves it can know of: those updateCommitment
 * described in its UPDATED events (details.dueDate before/after, on the commitment's one follow-up),
 * each at the instant of its event. Other edits leave no row.
 */
const MIGRATION = 'DueDateChanges1768500000000';

describe('migrating to recorded due-date moves', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateDownBefore(database.db, MIGRATION);
    await database.db.query(`
      INSERT INTO commitment (title) VALUES ('Moved twice'), ('Renamed only');
      INSERT INTO follow_up (commitment_id, title, due_date) VALUES (1, 'a', '2026-05-01'), (2, 'b', '2026-02-01');
      INSERT INTO commitment_event (commitment_id, kind, actor, occurred_at, details) VALUES
        (1, 'CREATED', 'desk', '2026-01-01T10:00:00Z', '{"dueDate": "2026-03-01"}'),
        (1, 'UPDATED', 'desk', '2026-01-05T10:00:00Z', '{"dueDate": {"before": "2026-03-01", "after": null}}'),
        (1, 'UPDATED', 'desk', '2026-01-09T10:00:00Z', '{"dueDate": {"before": null, "after": "2026-05-01"}}'),
        (2, 'UPDATED', 'desk', '2026-01-07T10:00:00Z', '{"title": {"before": "x", "after": "Renamed only"}}');
    `);
    expect((await database.db.runMigrations({ transaction: 'each' })).map((m) => m.name)).toContain(MIGRATION);
  });
  afterAll(() => database.drop());

  it('records each move an UPDATED event describes, at its instant, and nothing for other edits', async () => {
    const moves = await database.db.query(`SELECT follow_up_id::int AS f, due_date_before::text AS before, due_date_after::text AS after,
        recorded_at FROM follow_up_due_date_change ORDER BY id`);
    expect(moves).toEqual([
      { f: 1, before: '2026-03-01', after: null, recorded_at: new Date('2026-01-05T10:00:00Z') },
      { f: 1, before: null, after: '2026-05-01', recorded_at: new Date('2026-01-09T10:00:00Z') },
    ]);
  });

  it('keeps the moves as they were recorded: the table refuses UPDATE and DELETE', async () => {
    await expect(database.db.query(`UPDATE follow_up_due_date_change SET due_date_after = NULL`)).rejects.toThrow(/append-only/);
    await expect(database.db.query(`DELETE FROM follow_up_due_date_change`)).rejects.toThrow(/append-only/);
  });
});
