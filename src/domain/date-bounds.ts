import { addDays, CalendarDate, isCalendarDate } from './dates';

/**
 * The dates the tracker accepts, and why: a date outside them is a typo, not a fact to record.
 * Every date lies between EARLIEST_DATE and PLANNING_YEARS after today (a promise may look far
 * ahead, not centuries). Something that happened (a report, a publication) is dated at most one
 * day after today (time zones differ by up to a day), and a report on a commitment made at an
 * engagement is dated no earlier than that engagement. A commitment recorded today about an older
 * promise may still get backdated reports: the bound is the engagement, not the record.
 */
export const EARLIEST_DATE: CalendarDate = '1945-01-01';
export const PLANNING_YEARS = 50;
/** Reports and publications dated after today + this many days are refused. */
export const FUTURE_TOLERANCE_DAYS = 1;

/** The latest date a field may carry, with the rule to name when it is passed. */
export interface LatestDate {
  date: CalendarDate;
  rule: string;
}

/** Same month and day N years on (29 February becomes 28 February in a common year). */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const y = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const shifted = `${y}${date.slice(4)}`;
  return isCalendarDate(shifted) ? shifted : `${y}-02-28`;
}

/** The bound for due dates and start dates: what may be planned. */
export function latestPlannedDate(today: CalendarDate): LatestDate {
  return { date: addYears(today, PLANNING_YEARS), rule: `dates may lie at most ${PLANNING_YEARS} years after today` };
}

/** The bound for what has happened (reports, publications). */
export function latestPastDate(today: CalendarDate): LatestDate {
  return { date: addDays(today, FUTURE_TOLERANCE_DAYS), rule: 'it cannot have happened yet' };
}

/** Why a well-formed date is out of bounds, or null when it is within them. */
export function dateBoundProblem(value: CalendarDate, latest?: LatestDate): string | null {
  if (value < EARLIEST_DATE) return `must not be before ${EARLIEST_DATE}: earlier dates are not accepted`;
  if (latest && value > latest.date) return `must not be after ${latest.date}: ${latest.rule}`;
  return null;
}

/** Why a report's date is before the engagement its commitment was made at, or null. */
export function reportBeforeEngagementProblem(reportedOn: CalendarDate, engagementHeldOn: CalendarDate | null): string | null {
  if (engagementHeldOn === null || reportedOn >= engagementHeldOn) return null;
  return `must not be before ${engagementHeldOn}, the day of the engagement the commitment was made at: nothing can be reported on a promise before it was made`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** What is wrong with a string that is not a calendar date: a day that does not exist, or the writing. */
export function calendarDateProblem(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return 'must be a calendar date written YYYY-MM-DD, e.g. 2026-03-31';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `there is no month ${month}: months run from 01 to 12`;
  return `there is no ${day} ${MONTHS[month - 1]} ${year}`;
}
