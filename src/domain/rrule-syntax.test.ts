import { parseRecurrence, RecurrenceError } from './recurrence';
import { rruleSyntaxProblem } from './rrule-syntax';

describe('RRULE syntax check', () => {
  it.each([
    'FREQ=MONTHLY;INTERVAL=3',
    'FREQ=WEEKLY;BYDAY=MO,TH',
    'freq=monthly;byday=-1fr',
    'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR',
    'FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=15',
    'FREQ=DAILY;UNTIL=20261231',
    'FREQ=DAILY;UNTIL=20261231T000000Z',
    'FREQ=YEARLY;COUNT=5;WKST=SU',
  ])('accepts %s', (rule) => {
    expect(rruleSyntaxProblem(rule)).toBeNull();
  });

  it.each([
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL/],
    ['FREQ=DAILY;INTERVAL=-3', /INTERVAL/],
    ['FREQ=DAILY;INTERVAL=abc', /INTERVAL/],
    ['FREQ=DAILY;INTERVAL=1001', /INTERVAL/],
    ['FREQ=DAILY;COUNT=0', /COUNT/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20260101', /COUNT and UNTIL/],
    ['FREQ=DAILY;UNTIL=20260230', /UNTIL/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY/],
    ['FREQ=YEARLY;BYMONTH=13', /BYMONTH/],
    ['FREQ=YEARLY;BYYEARDAY=367', /BYYEARDAY/],
    ['FREQ=YEARLY;BYWEEKNO=54', /BYWEEKNO/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY/],
    ['FREQ=MONTHLY;BYDAY=54MO', /BYDAY/],
    ['FREQ=DAILY;BYHOUR=3', /not supported/],
    ['FREQ=DAILY;FOO=BAR', /unknown part FOO/],
    ['FREQ=DAILY;FREQ=WEEKLY', /twice/],
    ['INTERVAL=2', /FREQ is required/],
    ['FREQ=DAILY;;', /NAME=VALUE/],
  ])('refuses %s', (rule, problem) => {
    expect(rruleSyntaxProblem(rule)).toMatch(problem);
  });

  it('guards parseRecurrence, which would otherwise hand a looping rule to the library', () => {
    expect(() => parseRecurrence('FREQ=DAILY;INTERVAL=-3', '2026-01-01')).toThrow(RecurrenceError);
  });
});
