import type { CalendarDate } from './dates';
import { DEFAULT_DUE_SOON_DAYS, FollowUpFacts, followUpStatus, ReportFact } from './status';
import type { Verification } from './verification';

/**
 * The pure form of followThrough's follow-up counts (the SQL form is follow-through.repository.ts;
 * test/status-agreement.test.ts proves they agree). The counts partition the due follow-ups: a due
 * follow-up is done on time, done late, unreported, or none of these (MISSED, only IN_PROGRESS
 * reports, DONE only after asOf).
 */
export interface CountedReport extends ReportFact {
  verification: Verification;
}

export interface CountedFollowUp extends FollowUpFacts {
  reports: readonly CountedReport[];
}

export interface FollowUpCounts {
  /** dueDate < asOf and not CANCELLED as of asOf: onTimeRate's denominator. */
  due: boolean;
  /** Due, with an effective DONE report dated on or before the due date. */
  doneOnTime: boolean;
  /** Due, not on time, with an effective DONE report dated after the due date and on or before asOf. */
  doneLate: boolean;
  /** Due, with no effective report of any state dated on or before asOf. */
  unreported: boolean;
  /** Due, with an effective DONE report dated on or before the due date whose verification is CORROBORATED. */
  corroboratedOnTime: boolean;
}

export function followUpCounts(f: CountedFollowUp, asOf: CalendarDate, dueSoonDays = DEFAULT_DUE_SOON_DAYS): FollowUpCounts {
  const due = f.dueDate !== null && f.dueDate < asOf && followUpStatus(f, asOf, dueSoonDays) !== 'CANCELLED';
  const effective = f.reports.filter((r) => !r.superseded);
  const done = effective.filter((r) => r.state === 'DONE');
  const doneOnTime = due && done.some((r) => r.reportedOn <= f.dueDate!);
  return {
    due,
    doneOnTime,
    doneLate: due && !doneOnTime && done.some((r) => r.reportedOn <= asOf),
    unreported: due && !effective.some((r) => r.reportedOn <= asOf),
    corroboratedOnTime: due && done.some((r) => r.reportedOn <= f.dueDate! && r.verification === 'CORROBORATED'),
  };
}

export interface FollowThroughTotals {
  dueFollowUps: number;
  doneOnTime: number;
  doneLate: number;
  unreported: number;
  onTimeRate: number | null;
  corroboratedOnTimeRate: number | null;
}

export function followThroughTotals(followUps: readonly CountedFollowUp[], asOf: CalendarDate, dueSoonDays = DEFAULT_DUE_SOON_DAYS): FollowThroughTotals {
  const counts = followUps.map((f) => followUpCounts(f, asOf, dueSoonDays));
  const n = (key: keyof FollowUpCounts) => counts.filter((c) => c[key]).length;
  const due = n('due');
  return {
    dueFollowUps: due,
    doneOnTime: n('doneOnTime'),
    doneLate: n('doneLate'),
    unreported: n('unreported'),
    onTimeRate: due ? n('doneOnTime') / due : null,
    corroboratedOnTimeRate: due ? n('corroboratedOnTime') / due : null,
  };
}
