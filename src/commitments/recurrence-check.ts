import vm from 'node:vm';
import type { CalendarDate } from '../domain/dates';
import { occurrencesThrough, RecurrenceError } from '../domain/recurrence';
import { badInput } from '../graphql/errors';

/**
 * Time budget for expanding a caller's rule. The rrule library searches until year 9999 for a
 * rule no date satisfies (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 takes minutes), and no syntax check
 * can rule out every such combination; a rule that real dates satisfy expands in milliseconds.
 */
const EXPANSION_BUDGET_MS = 1_000;

/**
 * The occurrences of a new rule from startsOn through `through`, refusing rules that are invalid,
 * produce too many follow-ups (see MAX_OCCURRENCES_PER_HORIZON), produce none, or cannot be
 * expanded within the time budget. Errors are BAD_USER_INPUT naming `field`.
 */
export function checkRecurrence(rule: string, startsOn: CalendarDate, through: CalendarDate, field: string): CalendarDate[] {
  let dates: CalendarDate[];
  try {
    // vm's timeout interrupts any synchronous JavaScript running under it, the library's included.
    const expand = () => occurrencesThrough(rule, startsOn, through);
    dates = vm.runInContext('expand()', vm.createContext({ expand }), { timeout: EXPANSION_BUDGET_MS }) as CalendarDate[];
  } catch (e) {
    if (e instanceof RecurrenceError) throw badInput(field, e.message);
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw badInput(field, 'matches no date, or too rarely to track (e.g. BYMONTH=2;BYMONTHDAY=30 asks for February 30)');
    }
    throw e;
  }
  if (!dates.length) throw badInput(field, `produces no follow-up from startsOn (${startsOn}) through ${through}`);
  return dates;
}
