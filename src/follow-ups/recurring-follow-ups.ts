import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../domain/dates';
import { occurrencesThrough } from '../domain/recurrence';

export interface RecurringCommitment {
  id: string;
  title: string;
  recurrence: string;
  startsOn: CalendarDate;
}

/**
 * Makes sure every occurrence of a recurring commitment through `through` exists as a follow-up
 * row, and records how far that now reaches. Idempotent: occurrences are numbered, and
 * (commitment_id, occurrence) is unique, so re-running (or racing) never duplicates a row.
 * Returns the ids of follow-ups created by this call, stamped `now` (the clock's, like every
 * other recorded fact, so knownAt sees them from the instant they were recorded).
 */
export async function materializeRecurringFollowUps(
  manager: EntityManager,
  commitment: RecurringCommitment,
  through: CalendarDate,
  now: Date,
): Promise<string[]> {
  const dates = occurrencesThrough(commitment.recurrence, commitment.startsOn, through);
  let created: { id: string }[] = [];
  if (dates.length) {
    created = await manager.query(
      `INSERT INTO follow_up (commitment_id, title, due_date, occurrence, created_at)
       SELECT $1, $2 || ' #' || o.ord || ' (' || to_char(o.due, 'YYYY-MM-DD') || ')', o.due, (o.ord - 1)::int, $4
         FROM unnest($3::date[]) WITH ORDINALITY AS o(due, ord)
       ON CONFLICT (commitment_id, occurrence) DO NOTHING
       RETURNING id`,
      [commitment.id, commitment.title, dates, now],
    );
  }
  await manager.query(
    `UPDATE commitment SET materialized_through = GREATEST(materialized_through, $2::date) WHERE id = $1`,
    [commitment.id, through],
  );
  return created.map((r) => r.id);
}
