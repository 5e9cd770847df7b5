import { RRule, rrulestr } from 'rrule';
import { CalendarDate, addDays } from './dates';
import { rruleSyntaxProblem } from './rrule-syntax';

/**
 * Recurring commitments are RFC 5545 RRULEs anchored on a start date. Their follow-ups are
 * materialized as rows up to a rolling horizon so that status queries stay plain SQL over rows.
 */

/** How far past today recurring follow-ups are materialized. */
export const HORIZON_DAYS = 2 * 366;
/** A rule that would produce more rows than this within the horizon is refused as unreasonable. */
export const MAX_OCCURRENCES_PER_HORIZON = 800;

const SUB_DAILY = new Set([RRule.HOURLY, RRule.MINUTELY, RRule.SECONDLY]);

export class RecurrenceError extends Error {}

function toUtcDate(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Parses and checks an RRULE (with or without the `RRULE:` prefix); throws RecurrenceError. */
export function parseRecurrence(rule: string, startsOn: CalendarDate): RRule {
  const text = normalizeRecurrence(rule);
  if (!text || /[\r\n]/.test(text) || /DTSTART|EXDATE|RDATE/i.test(text)) {
    throw new RecurrenceError('must be a single RRULE such as FREQ=MONTHLY;INTERVAL=3 (the start comes from startsOn)');
  }
  const problem = rruleSyntaxProblem(text);
  if (problem) throw new RecurrenceError(`is not a valid RRULE: ${problem}`);
  let parsed: RRule;
  try {
    parsed = rrulestr(`RRULE:${text}`, { dtstart: toUtcDate(startsOn) }) as RRule;
  } catch (e) {
    throw new RecurrenceError(`is not a valid RRULE: ${(e as Error).message}`);
  }
  if (!(parsed instanceof RRule)) throw new RecurrenceError('must be a single RRULE');
  if (SUB_DAILY.has(parsed.options.freq)) throw new RecurrenceError('may repeat at most daily (FREQ=DAILY or coarser)');
  return parsed;
}

/** Normalized text of a rule, as stored (no prefix, upper case). */
export function normalizeRecurrence(rule: string): string {
  return rule.trim().replace(/^RRULE:/i, '').toUpperCase();
}

/** Occurrence dates of the rule from startsOn through `through`, inclusive, in order. */
export function occurrencesThrough(rule: string, startsOn: CalendarDate, through: CalendarDate): CalendarDate[] {
  const parsed = parseRecurrence(rule, startsOn);
  const dates: CalendarDate[] = [];
  parsed.between(toUtcDate(startsOn), toUtcDate(through), true, (d) => {
    dates.push(d.toISOString().slice(0, 10));
    return dates.length <= MAX_OCCURRENCES_PER_HORIZON;
  });
  if (dates.length > MAX_OCCURRENCES_PER_HORIZON) {
    throw new RecurrenceError(`would create more than ${MAX_OCCURRENCES_PER_HORIZON} follow-ups within the horizon`);
  }
  return dates;
}

export function horizonFrom(today: CalendarDate): CalendarDate {
  return addDays(today, HORIZON_DAYS);
}
