import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facts of a follow-up's effective closing reports that status and the on-time rate need,
 * cached on follow_up beside first_closed_on by the same trigger, so that they need no report
 * lookups. They are report facts, not a status (status still depends on asOf):
 *
 * - last_closed_on / last_closed_state: the date and state of the latest effective
 *   DONE/MISSED/CANCELLED report (same-day ties to the later recorded). For asOf >= last_closed_on,
 *   the usual case, that report decides the status; only an asOf between first_closed_on and
 *   last_closed_on needs the reports read.
 * - first_done_on: the earliest effective DONE report's date; "done on time" is first_done_on <= due_date.
 *
 * "Effective" is as before: not superseded by a later report (a superseding IN_PROGRESS report
 * withdraws the original). follow_up_commitment_due_closed_idx carries the new columns so that a
 * party's follow-through stays an index-only scan. Run VACUUM afterwards on a big database: the
 * backfill leaves the touched pages not all-visible, which index-only scans need.
 */
export class FollowUpClosingFacts1768003200000 implements MigrationInterface {
  name = 'FollowUpClosingFacts1768003200000';

  async up(q: QueryRunner): Promise<void> {
    // The backfill and index build take longer than the server's statement timeout on a big
    // database; the migration runs in its own transaction, so this lasts only as long as it.
    await q.query(`SET LOCAL statement_timeout = 0`);
    await q.query(`
      ALTER TABLE follow_up
        ADD COLUMN last_closed_on date,
        ADD COLUMN last_closed_state text CHECK (last_closed_state IN ('DONE', 'MISSED', 'CANCELLED')),
        ADD COLUMN first_done_on date;

      -- Keeps the closing facts (first_closed_on, last_closed_on, last_closed_state, first_done_on)
      -- equal to those of the follow-up's effective closing reports.
      CREATE OR REPLACE FUNCTION refresh_first_closed_on() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE follow_up f SET (first_closed_on, last_closed_on, last_closed_state, first_done_on) = (
          SELECT min(r.reported_on), max(r.reported_on),
                 (array_agg(r.state ORDER BY r.reported_on DESC, r.id DESC))[1],
                 min(r.reported_on) FILTER (WHERE r.state = 'DONE')
            FROM progress_report r
           WHERE r.follow_up_id = f.id AND r.state <> 'IN_PROGRESS'
             AND NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)
        ) WHERE f.id = NEW.follow_up_id;
        RETURN NULL;
      END $$;

      -- Backfill before rebuilding the index, so the update maintains one index fewer.
      DROP INDEX IF EXISTS follow_up_commitment_due_closed_idx;
      UPDATE follow_up f SET last_closed_on = c.last_closed_on, last_closed_state = c.last_closed_state, first_done_on = c.first_done_on
        FROM (SELECT r.follow_up_id, max(r.reported_on) AS last_closed_on,
                     (array_agg(r.state ORDER BY r.reported_on DESC, r.id DESC))[1] AS last_closed_state,
                     min(r.reported_on) FILTER (WHERE r.state = 'DONE') AS first_done_on
                FROM progress_report r
               WHERE r.state <> 'IN_PROGRESS' AND NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)
               GROUP BY r.follow_up_id) c
       WHERE f.id = c.follow_up_id;
      ALTER TABLE follow_up ADD CONSTRAINT follow_up_closing_facts_check CHECK (
        (first_closed_on IS NULL) = (last_closed_on IS NULL) AND (last_closed_on IS NULL) = (last_closed_state IS NULL)
        AND first_closed_on <= last_closed_on AND first_closed_on <= first_done_on);

      CREATE INDEX follow_up_commitment_due_closed_idx ON follow_up (commitment_id, due_date, id)
        INCLUDE (first_closed_on, last_closed_on, last_closed_state, first_done_on);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX follow_up_commitment_due_closed_idx;
      CREATE INDEX follow_up_commitment_due_closed_idx ON follow_up (commitment_id, due_date, id) INCLUDE (first_closed_on);
      CREATE OR REPLACE FUNCTION refresh_first_closed_on() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE follow_up f SET first_closed_on = (
          SELECT min(r.reported_on) FROM progress_report r
          WHERE r.follow_up_id = f.id AND r.state <> 'IN_PROGRESS'
            AND NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)
        ) WHERE f.id = NEW.follow_up_id;
        RETURN NULL;
      END $$;
      ALTER TABLE follow_up DROP CONSTRAINT follow_up_closing_facts_check,
        DROP COLUMN last_closed_on, DROP COLUMN last_closed_state, DROP COLUMN first_done_on;
    `);
  }
}
