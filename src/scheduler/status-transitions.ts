import { CalendarDate, addDays } from '../domain/dates';
import { followUpStatus, FollowUpFacts, isOpen, Status } from '../domain/status';

export interface DatedFollowUp extends FollowUpFacts {
  id: string;
  commitmentId: string;
}

export interface StatusTransition {
  followUpId: string;
  commitmentId: string;
  /** The day at whose start the status changed. */
  day: CalendarDate;
  previousStatus: Status;
  status: Status;
}

/**
 * The closing reports of a follow-up that were recorded before the day they are dated: each takes
 * effect at the start of its day, when no write is there to announce it.
 */
function reportsDatedAhead(f: DatedFollowUp): CalendarDate[] {
  return f.reports
    .filter((r) => !r.superseded && r.state !== 'IN_PROGRESS' && r.recordedOn !== undefined && r.recordedOn < r.reportedOn)
    .map((r) => r.reportedOn);
}

/**
 * The status changes that time alone caused on the days after `after` through `through`:
 * SCHEDULED → DUE_SOON on the day a follow-up comes within dueSoonDays of its due date,
 * DUE_SOON → OVERDUE on the day after it, and the change a report dated ahead (recorded before
 * its reportedOn) makes on its day. A follow-up that several missed days carried across several
 * gets each, on its own day, so the history reads as if no tick had been missed.
 *
 * Other changes caused by reports are not time-driven: the write that records a report announces
 * the change it makes as of that write's today. So a follow-up closed by the day in question
 * yields nothing here, unless the report closing it was dated ahead.
 */
export function timeDrivenTransitions(
  followUps: readonly DatedFollowUp[],
  after: CalendarDate,
  through: CalendarDate,
  dueSoonDays: number,
): StatusTransition[] {
  const transitions: StatusTransition[] = [];
  for (const f of followUps) {
    const aheadDays = reportsDatedAhead(f);
    const dueDays = f.dueDate === null ? [] : [addDays(f.dueDate, -dueSoonDays), addDays(f.dueDate, 1)];
    const days = [...new Set([...dueDays, ...aheadDays])].filter((d) => d > after && d <= through);
    for (const day of days.sort()) {
      const previousStatus = followUpStatus(f, addDays(day, -1), dueSoonDays);
      const status = followUpStatus(f, day, dueSoonDays);
      if ((isOpen(status) || aheadDays.includes(day)) && status !== previousStatus) {
        transitions.push({ followUpId: f.id, commitmentId: f.commitmentId, day, previousStatus, status });
      }
    }
  }
  return transitions.sort((a, b) => (a.day === b.day ? compareIds(a.followUpId, b.followUpId) : a.day < b.day ? -1 : 1));
}

function compareIds(a: string, b: string): number {
  return a.length === b.length ? (a < b ? -1 : a > b ? 1 : 0) : a.length - b.length;
}
