import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../domain/dates';
import type { RecurringCommitment } from '../follow-ups/recurring-follow-ups';
import type { DatedFollowUp } from './status-transitions';

/** Taken per transaction: whoever holds it does this tick's work; the other servers skip theirs. */
export async function tryLockScheduler(manager: EntityManager): Promise<boolean> {
  const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('tracker:scheduler')) AS locked`);
  return locked;
}

/** The last day fully processed, locked until the transaction ends; null before the first run. */
export async function readWatermark(manager: EntityManager, job: string): Promise<CalendarDate | null> {
  const rows: { through: CalendarDate }[] = await manager.query(
    `SELECT processed_through AS through FROM scheduler_state WHERE name = $1 FOR UPDATE`,
    [job],
  );
  return rows[0]?.through ?? null;
}

export async function writeWatermark(manager: EntityManager, job: string, through: CalendarDate): Promise<void> {
  await manager.query(
    `INSERT INTO scheduler_state (name, processed_through) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET processed_through = EXCLUDED.processed_through, updated_at = now()`,
    [job, through],
  );
}

/**
 * Follow-ups that may change status by date alone on a day in (after, through]: due the day
 * before such a day (→ OVERDUE) or dueSoonDays after it (→ DUE_SOON), and not closed before the
 * first of those days; or with a closing report dated on such a day but recorded before it (in
 * `timeZone`), which takes effect that day. Their reports come along, with the day each was
 * recorded, so the pure rules decide the exact statuses.
 */
export async function findTimeDrivenCandidates(
  manager: EntityManager,
  after: CalendarDate,
  through: CalendarDate,
  dueSoonDays: number,
  timeZone: string,
): Promise<DatedFollowUp[]> {
  return manager.query(
    `WITH candidate AS (
       SELECT f.id FROM follow_up f
        WHERE (f.due_date BETWEEN $1::date AND $2::date - 1 OR f.due_date BETWEEN $1::date + 1 + $3::int AND $2::date + $3::int)
          AND (f.first_closed_on IS NULL OR f.first_closed_on > $1::date + 1)
       UNION
       SELECT a.follow_up_id FROM progress_report a
        WHERE a.state <> 'IN_PROGRESS' AND a.reported_on > $1::date AND a.reported_on <= $2::date
          AND (a.created_at AT TIME ZONE $4::text)::date < a.reported_on)
     SELECT f.id, f.commitment_id AS "commitmentId", f.due_date AS "dueDate",
            COALESCE((
              SELECT json_agg(json_build_object(
                       'state', r.state, 'reportedOn', r.reported_on, 'sequence', r.id,
                       'recordedOn', (r.created_at AT TIME ZONE $4::text)::date,
                       'superseded', EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)))
                FROM progress_report r WHERE r.follow_up_id = f.id
            ), '[]'::json) AS reports
       FROM candidate JOIN follow_up f ON f.id = candidate.id
      ORDER BY f.id`,
    [after, through, dueSoonDays, timeZone],
  );
}

/** Recurring commitments whose follow-ups do not yet reach `horizon`. */
export async function findRecurringShortOf(manager: EntityManager, horizon: CalendarDate): Promise<RecurringCommitment[]> {
  return manager.query(
    `SELECT id, title, recurrence, starts_on AS "startsOn" FROM commitment
      WHERE recurrence IS NOT NULL AND (materialized_through IS NULL OR materialized_through < $1::date)
      ORDER BY id`,
    [horizon],
  );
}
