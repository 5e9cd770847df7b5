import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../domain/dates';
import { FollowUpFacts, followUpStatus, ReportFact, Status } from '../domain/status';
import type { NewEvent } from './event-log';

/** follow-up id → its status as of a date. */
export type StatusSnapshot = Map<string, Status>;

/**
 * A JSON array of the reports of follow-up `f` (an alias in the caller's statement), as ReportFacts
 * (see reportFactsFromJson): what a write reads, with the follow-up's due date, to know its status
 * before and after the write.
 */
export function reportFactsJsonSql(f: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('state', r.state, 'reportedOn', r.reported_on, 'sequence', r.id,
            'superseded', EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id))), '[]'::json)
     FROM progress_report r WHERE r.follow_up_id = ${f}.id)`;
}

export function reportFactsFromJson(json: { state: ReportFact['state']; reportedOn: string; sequence: number; superseded: boolean }[]): ReportFact[] {
  return json.map((r) => ({ state: r.state, reportedOn: r.reportedOn, sequence: Number(r.sequence), superseded: r.superseded }));
}

/** Statuses as of `asOf` of follow-ups given by their facts, with the pure rules of domain/status.ts. */
export function statusesOf(facts: ReadonlyMap<string, FollowUpFacts>, asOf: CalendarDate, dueSoonDays: number): StatusSnapshot {
  return new Map([...facts].map(([id, f]) => [id, followUpStatus(f, asOf, dueSoonDays)]));
}

/**
 * Statuses of some follow-ups as of `asOf`, read inside the write's transaction (after the
 * commitment row is locked, so no other write can move them in between) in one statement, and
 * computed with the pure rules of domain/status.ts. A write takes one snapshot before its change
 * and derives the one after from the same facts and the change it made (statusesOf), which the
 * row lock makes exact.
 */
export async function snapshotStatuses(
  manager: EntityManager,
  followUpIds: readonly string[],
  asOf: CalendarDate,
  dueSoonDays: number,
): Promise<StatusSnapshot> {
  if (!followUpIds.length) return new Map();
  const rows: { id: string; dueDate: CalendarDate | null; reports: Parameters<typeof reportFactsFromJson>[0] }[] = await manager.query(
    `SELECT f.id, f.due_date AS "dueDate", ${reportFactsJsonSql('f')} AS reports FROM follow_up f WHERE f.id = ANY($1::bigint[])`,
    [followUpIds],
  );
  return statusesOf(new Map(rows.map((f) => [f.id, { dueDate: f.dueDate, reports: reportFactsFromJson(f.reports) }])), asOf, dueSoonDays);
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
