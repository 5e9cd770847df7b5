import { addYears, calendarDateProblem, dateBoundProblem, latestPastDate, latestPlannedDate, reportBeforeEngagementProblem } from './date-bounds';

describe('date bounds', () => {
  const today = '2026-03-10';

  it('accepts dates from 1945-01-01 to 50 years after today and names the rule past either end', () => {
    expect(dateBoundProblem('1945-01-01', latestPlannedDate(today))).toBeNull();
    expect(dateBoundProblem('2076-03-10', latestPlannedDate(today))).toBeNull();
    expect(dateBoundProblem('1900-01-01', latestPlannedDate(today))).toBe('must not be before 1945-01-01: earlier dates are not accepted');
    expect(dateBoundProblem('2076-03-11', latestPlannedDate(today))).toBe('must not be after 2076-03-10: dates may lie at most 50 years after today');
  });

  it('allows what happened to be dated at most one day after today', () => {
    expect(dateBoundProblem('2026-03-11', latestPastDate(today))).toBeNull();
    expect(dateBoundProblem('2026-03-12', latestPastDate(today))).toBe('must not be after 2026-03-11: it cannot have happened yet');
  });

  it('refuses a report dated before the engagement the commitment was made at, and allows any date without one', () => {
    expect(reportBeforeEngagementProblem('1990-05-01', '2026-01-07')).toMatch(/^must not be before 2026-01-07, the day of the engagement/);
    expect(reportBeforeEngagementProblem('2026-01-07', '2026-01-07')).toBeNull();
    expect(reportBeforeEngagementProblem('1990-05-01', null)).toBeNull();
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2028-02-29', 50)).toBe('2078-02-28');
    expect(addYears('2026-03-10', 50)).toBe('2076-03-10');
  });

  it('says which day does not exist rather than how to write a date', () => {
    expect(calendarDateProblem('2026-02-30')).toBe('there is no 30 February 2026');
    expect(calendarDateProblem('2026-13-01')).toBe('there is no month 13: months run from 01 to 12');
    expect(calendarDateProblem('30/02/2026')).toBe('must be a calendar date written YYYY-MM-DD, e.g. 2026-03-31');
  });
});
