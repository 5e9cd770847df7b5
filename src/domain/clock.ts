import { CalendarDate, dateInZone } from './dates';

/**
 * The one source of "now" and "today". Everything time-dependent (default asOf, the scheduler,
 * createdAt stamps in events) reads it, so tests and demos can start the clock at any instant.
 */
export interface Clock {
  now(): Date;
  today(): CalendarDate;
  readonly timeZone: string;
}

export interface ClockOptions {
  /** The instant the clock reads at creation; it then advances in real time. */
  start?: Date;
  timeZone: string;
  /** The real clock underneath; injectable so tests can move time without sleeping. */
  realNow?: () => number;
}

export function createClock({ start, timeZone, realNow = Date.now }: ClockOptions): Clock {
  const offsetMs = start ? start.getTime() - realNow() : 0;
  const now = () => new Date(realNow() + offsetMs);
  return { now, today: () => dateInZone(now(), timeZone), timeZone };
}
