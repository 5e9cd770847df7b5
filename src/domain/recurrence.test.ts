import { occurrencesThrough, parseRecurrence, RecurrenceError } from './recurrence';

describe('recurrence', () => {
  it('lists quarterly occurrences from the start date through the horizon', () => {
    expect(occurrencesThrough('FREQ=MONTHLY;INTERVAL=3', '2026-01-07', '2026-12-31')).toEqual([
      '2026-01-07', '2026-04-07', '2026-07-07', '2026-10-07',
    ]);
  });

  it('accepts the RRULE: prefix and lower case', () => {
    expect(occurrencesThrough('rrule:freq=yearly', '2026-01-07', '2028-01-07')).toEqual(['2026-01-07', '2027-01-07', '2028-01-07']);
  });

  it('refuses sub-daily rules, garbage, and rules that would flood the horizon', () => {
    expect(() => parseRecurrence('FREQ=HOURLY', '2026-01-01')).toThrow(RecurrenceError);
    expect(() => parseRecurrence('FREQ=NEVER', '2026-01-01')).toThrow(RecurrenceError);
    expect(() => parseRecurrence('', '2026-01-01')).toThrow(RecurrenceError);
    expect(() => occurrencesThrough('FREQ=DAILY', '2026-01-01', '2029-01-01')).toThrow(/more than/);
  });
});
