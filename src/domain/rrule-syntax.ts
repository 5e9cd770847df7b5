/**
 * A strict reading of RFC 5545's RRULE grammar, checked before the text reaches the rrule library.
 * That library trusts its input: a negative or non-numeric INTERVAL makes it loop forever, and
 * out-of-range BY* values make it search to the year 9999. Follow-ups are calendar dates, so
 * BYHOUR/BYMINUTE/BYSECOND are refused too. Returns a problem description, or null when fine.
 */

const WEEKDAY = '(MO|TU|WE|TH|FR|SA|SU)';
const FREQUENCIES = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
/** Generous for a real obligation (every 1000 days, weeks, months or years) yet far from a loop. */
export const MAX_INTERVAL = 1000;
export const MAX_COUNT = 10_000;

function intList(min: number, max: number, signed: boolean): (value: string) => boolean {
  const item = signed ? /^[+-]?\d{1,3}$/ : /^\d{1,3}$/;
  return (value) =>
    value.split(',').every((v) => {
      if (!item.test(v)) return false;
      const n = Math.abs(Number(v));
      return n >= min && n <= max;
    });
}

function isUntil(value: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

const PARTS: Record<string, { check: (value: string) => boolean; expected: string }> = {
  FREQ: { check: (v) => FREQUENCIES.includes(v), expected: FREQUENCIES.join(', ') },
  INTERVAL: { check: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_INTERVAL, expected: `an integer from 1 to ${MAX_INTERVAL}` },
  COUNT: { check: (v) => /^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_COUNT, expected: `an integer from 1 to ${MAX_COUNT}` },
  UNTIL: { check: isUntil, expected: 'a date written YYYYMMDD' },
  BYDAY: {
    check: (v) => v.split(',').every((d) => {
      const m = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`).exec(d);
      return !!m && (m[1] === undefined || (Math.abs(Number(m[1])) >= 1 && Math.abs(Number(m[1])) <= 53));
    }),
    expected: 'weekdays such as MO,TH or 1MO,-1FR',
  },
  BYMONTHDAY: { check: intList(1, 31, true), expected: 'days from 1 to 31 or -31 to -1' },
  BYYEARDAY: { check: intList(1, 366, true), expected: 'days from 1 to 366 or -366 to -1' },
  BYWEEKNO: { check: intList(1, 53, true), expected: 'weeks from 1 to 53 or -53 to -1' },
  BYMONTH: { check: intList(1, 12, false), expected: 'months from 1 to 12' },
  BYSETPOS: { check: intList(1, 366, true), expected: 'positions from 1 to 366 or -366 to -1' },
  WKST: { check: (v) => new RegExp(`^${WEEKDAY}$`).test(v), expected: 'a weekday such as MO' },
};

const TIME_PARTS = new Set(['BYHOUR', 'BYMINUTE', 'BYSECOND']);

/** Checks an RRULE body (no `RRULE:` prefix, any case). */
export function rruleSyntaxProblem(rule: string): string | null {
  const seen = new Set<string>();
  for (const part of rule.toUpperCase().split(';')) {
    const m = /^([A-Z]+)=(.+)$/.exec(part);
    if (!m) return `"${part}" is not NAME=VALUE`;
    const [, name, value] = m;
    if (TIME_PARTS.has(name)) return `${name} is not supported: follow-ups fall on dates, not times`;
    const spec = PARTS[name];
    if (!spec) return `unknown part ${name}`;
    if (seen.has(name)) return `${name} is given twice`;
    seen.add(name);
    if (!spec.check(value)) return `${name} must be ${spec.expected}, got "${value}"`;
  }
  if (!seen.has('FREQ')) return 'FREQ is required';
  if (seen.has('COUNT') && seen.has('UNTIL')) return 'COUNT and UNTIL cannot both be given';
  return null;
}
