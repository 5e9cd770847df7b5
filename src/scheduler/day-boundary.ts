import { CalendarDate, addDays, dateInZone } from '../domain/dates';
import type { Clock } from '../domain/clock';

const HOUR_MS = 3_600_000;

/**
 * The first instant of a calendar day in an IANA time zone: when a follow-up due the day before
 * turns OVERDUE. Found by bisection on dateInZone (monotone in the instant), so zones whose
 * midnight is skipped by a DST change still get the day's real first instant.
 */
export function startOfDay(date: CalendarDate, timeZone: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Offsets range from UTC-12 to UTC+14: the day starts within this window.
  let lo = utcMidnight - 15 * HOUR_MS; // still the previous day there
  let hi = utcMidnight + 13 * HOUR_MS; // already this day there
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dateInZone(new Date(mid), timeZone) >= date) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** Milliseconds from the clock's now until its next day starts. */
export function msUntilNextDay(clock: Clock): number {
  return startOfDay(addDays(clock.today(), 1), clock.timeZone).getTime() - clock.now().getTime();
}
