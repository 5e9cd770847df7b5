import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * follow_up_due_date_change: every move of a follow-up's due date, with the instant it was
 * recorded. follow_up.due_date stays the current date (so today's reads and indexes are
 * untouched); the due date known at an instant K is the `due_date_before` of the first change
 * recorded after K, or the current one when none was. The first change's `due_date_before` is the
 * date as first recorded (FollowUp.originalDueDate). Only moves are stored, so a follow-up whose
 * deadline never moved (nearly all) has no row, whichever path created it.
 *
 * Append-only like reports and history: a record of what was known when must not be rewritten.
 * Backfilled from the UPDATED events updateCommitment appended when it moved a one-off
 * commitment's single follow-up (details.dueDate = {before, after}): the only way a due date
 * has ever moved.
 */
export class DueDateChanges1768500000000 implements MigrationInterface {
  name = 'DueDateChanges1768500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE follow_up_due_date_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        follow_up_id bigint NOT NULL REFERENCES follow_up(id),
        due_date_before date,
        due_date_after date,
        recorded_at timestamptz NOT NULL,
        CHECK (due_date_before IS DISTINCT FROM due_date_after)
      );
      CREATE INDEX follow_up_due_date_change_follow_up_idx ON follow_up_due_date_change (follow_up_id, recorded_at, id);

      CREATE TRIGGER follow_up_due_date_change_append_only BEFORE UPDATE OR DELETE ON follow_up_due_date_change
        FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
      CREATE TRIGGER follow_up_due_date_change_no_truncate BEFORE TRUNCATE ON follow_up_due_date_change
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
      CREATE CONSTRAINT TRIGGER follow_up_due_date_change_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON follow_up_due_date_change
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
      CREATE TRIGGER follow_up_due_date_change_truncate_bumps_data_version AFTER TRUNCATE ON follow_up_due_date_change
        FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();

      INSERT INTO follow_up_due_date_change (follow_up_id, due_date_before, due_date_after, recorded_at)
      SELECT f.id, (e.details->'dueDate'->>'before')::date, (e.details->'dueDate'->>'after')::date, e.occurred_at
        FROM commitment_event e
        CROSS JOIN LATERAL (SELECT id FROM follow_up WHERE commitment_id = e.commitment_id ORDER BY id LIMIT 1) f
       WHERE e.kind = 'UPDATED' AND e.details ? 'dueDate'
         AND (e.details->'dueDate'->>'before') IS DISTINCT FROM (e.details->'dueDate'->>'after')
       ORDER BY e.id;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follow_up_due_date_change`);
  }
}
