import { createClock } from '../domain/clock';
import { msUntilNextDay, startOfDay } from './day-boundary';

describe('startOfDay', () => {
  it('is midnight UTC in UTC', () => {
    expect(startOfDay('2026-04-08', 'UTC').toISOString()).toBe('2026-04-08T00:00:00.000Z');
  });

  it('is the previous evening in UTC for a zone east of Greenwich', () => {
    expect(startOfDay('2026-04-08', 'Asia/Karachi').toISOString()).toBe('2026-04-07T19:00:00.000Z');
  });

  it('is the next morning in UTC for a zone west of Greenwich', () => {
    expect(startOfDay('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
  });

  it('is the first instant that exists when DST skips midnight', () => {
    // Chile springs forward at 24:00 on 2026-09-05: 2026-09-06 starts at 01:00 local (-03:00).
    expect(startOfDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });
});

describe('msUntilNextDay', () => {
  it('counts down to the next midnight of the clock', () => {
    const real = Date.parse('2030-01-01T00:00:00Z');
    const clock = createClock({ start: new Date('2026-04-07T23:59:55Z'), timeZone: 'UTC', realNow: () => real });
    expect(msUntilNextDay(clock)).toBe(5_000);
  });
});
