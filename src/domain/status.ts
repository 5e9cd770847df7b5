import { CalendarDate, addDays, daysBetween } from './dates';

/**
 * The pure form of the status rules in the API contract. The SQL form lives in
 * src/follow-ups/follow-up-status.sql.ts; test/status-agreement.test.ts proves the two agree.
 */
export const STATUSES = ['UNDATED', 'SCHEDULED', 'DUE_SOON', 'OVERDUE', 'DONE', 'MISSED', 'CANCELLED'] as const;
export type Status = (typeof STATUSES)[number];

export const REPORTED_STATES = ['IN_PROGRESS', 'DONE', 'MISSED', 'CANCELLED'] as const;
export type ReportedState = (typeof REPORTED_STATES)[number];

export const OPEN_STATUSES: readonly Status[] = ['OVERDUE', 'DUE_SOON', 'SCHEDULED', 'UNDATED'];
export const CLOSED_STATUSES: readonly Status[] = ['DONE', 'MISSED', 'CANCELLED'];

export const DEFAULT_DUE_SOON_DAYS = 14;

export interface ReportFact {
  state: ReportedState;
  reportedOn: CalendarDate;
  /** Recording order (the report's id): breaks ties between reports of the same day. */
  sequence: number;
  /** A report corrected by a later one no longer counts. */
  superseded?: boolean;
  /** The day (in the tracker's time zone) it was recorded, where it matters: a report dated ahead of it takes effect later. */
  recordedOn?: CalendarDate;
}

export interface FollowUpFacts {
  dueDate: CalendarDate | null;
  reports: readonly ReportFact[];
}

/** The report that decides a follow-up's status as of a date, if any. */
export function decidingReport(reports: readonly ReportFact[], asOf: CalendarDate): ReportFact | undefined {
  let best: ReportFact | undefined;
  for (const r of reports) {
    if (r.superseded || r.state === 'IN_PROGRESS' || r.reportedOn > asOf) continue;
    if (!best || r.reportedOn > best.reportedOn || (r.reportedOn === best.reportedOn && r.sequence > best.sequence)) best = r;
  }
  return best;
}

export function followUpStatus(f: FollowUpFacts, asOf: CalendarDate, dueSoonDays = DEFAULT_DUE_SOON_DAYS): Status {
  const decided = decidingReport(f.reports, asOf);
  if (decided) return decided.state as Status;
  if (f.dueDate === null) return 'UNDATED';
  if (f.dueDate < asOf) return 'OVERDUE';
  if (f.dueDate <= addDays(asOf, dueSoonDays)) return 'DUE_SOON';
  return 'SCHEDULED';
}

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Whole days past the due date; null unless the follow-up is OVERDUE. */
export function daysOverdue(f: FollowUpFacts, asOf: CalendarDate, dueSoonDays = DEFAULT_DUE_SOON_DAYS): number | null {
  if (followUpStatus(f, asOf, dueSoonDays) !== 'OVERDUE' || f.dueDate === null) return null;
  return daysBetween(f.dueDate, asOf);
}

/** reportedOn of the latest DONE report, whatever the asOf. */
export function completedOn(f: FollowUpFacts): CalendarDate | null {
  const done = decidingReport(f.reports.filter((r) => r.state === 'DONE'), '9999-12-31');
  return done?.reportedOn ?? null;
}

/** Earliest due date among follow-ups that are open and dated as of asOf (so it may be past). */
export function nextDueDate(followUps: readonly FollowUpFacts[], asOf: CalendarDate, dueSoonDays = DEFAULT_DUE_SOON_DAYS): CalendarDate | null {
  let next: CalendarDate | null = null;
  for (const f of followUps) {
    const s = followUpStatus(f, asOf, dueSoonDays);
    if (f.dueDate !== null && s !== 'UNDATED' && isOpen(s) && (next === null || f.dueDate < next)) next = f.dueDate;
  }
  return next;
}

/**
 * A commitment's status from its follow-ups' statuses: the first open status in
 * OVERDUE, DUE_SOON, SCHEDULED, UNDATED order; then DONE, MISSED, CANCELLED. No follow-ups: UNDATED.
 */
export function commitmentStatus(followUpStatuses: readonly Status[]): Status {
  if (followUpStatuses.length === 0) return 'UNDATED';
  for (const s of [...OPEN_STATUSES, ...CLOSED_STATUSES]) if (followUpStatuses.includes(s)) return s;
  return 'UNDATED';
}
