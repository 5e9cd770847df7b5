import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../domain/dates';
import { followUpStatus, ReportFact, Status } from '../domain/status';
import type { NewEvent } from './event-log';

/** follow-up id → its status as of a date. */
export type StatusSnapshot = Map<string, Status>;

/**
 * Statuses of some follow-ups as of `asOf`, read inside the write's transaction (after the
 * commitment row is locked, so no other write can move them in between) and computed with the
 * pure rules of domain/status.ts. Writes take one snapshot before and one after their change.
 */
export async function snapshotStatuses(
  manager: EntityManager,
  followUpIds: readonly string[],
  asOf: CalendarDate,
  dueSoonDays: number,
): Promise<StatusSnapshot> {
  if (!followUpIds.length) return new Map();
  const followUps: { id: string; dueDate: string | null }[] = await manager.query(
    `SELECT id, due_date AS "dueDate" FROM follow_up WHERE id = ANY($1::bigint[])`,
    [followUpIds],
  );
  const reports: (ReportFact & { followUpId: string })[] = await manager.query(
    `SELECT r.follow_up_id AS "followUpId", r.state, r.reported_on AS "reportedOn", r.id::float8 AS sequence,
            EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id) AS superseded
       FROM progress_report r WHERE r.follow_up_id = ANY($1::bigint[])`,
    [followUpIds],
  );
  return new Map(
    followUps.map((f) => [f.id, followUpStatus({ dueDate: f.dueDate, reports: reports.filter((r) => r.followUpId === f.id) }, asOf, dueSoonDays)]),
  );
}

/** One STATUS_CHANGED event per follow-up present in both snapshots whose status differs. */
export function statusChangeEvents(
  before: StatusSnapshot,
  after: StatusSnapshot,
  base: { commitmentId: string; actor: string; occurredAt: Date },
): NewEvent[] {
  const events: NewEvent[] = [];
  for (const [followUpId, status] of after) {
    const previousStatus = before.get(followUpId);
    if (previousStatus !== undefined && previousStatus !== status) {
      events.push({ ...base, kind: 'STATUS_CHANGED', followUpId, previousStatus, status });
    }
  }
  return events;
}
