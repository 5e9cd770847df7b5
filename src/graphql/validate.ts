import { calendarDateProblem, dateBoundProblem, LatestDate } from '../domain/date-bounds';
import { CalendarDate, isCalendarDate } from '../domain/dates';
import { badInput, notFound } from './errors';
import { expectGlobalId, NodeTypeName, toGlobalId } from './global-id';

/**
 * Input checks shared by every write. Each returns the cleaned value (trimmed, nulls normalized)
 * or throws BAD_USER_INPUT naming the field, so services validate everything before they open a
 * transaction and a refused write never touches the database.
 */

export const LIMITS = {
  title: 300,
  name: 100,
  shortText: 200,
  description: 5000,
  note: 5000,
  url: 2000,
  listItems: 50,
} as const;

// NUL cannot be stored in Postgres text, and other C0 controls are never meant: refuse them all,
// except tab and line breaks in multi-line text.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const CONTROL_CHARS_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

interface TextRules {
  max: number;
  /** Allows line breaks and tabs (descriptions, notes). */
  multiline?: boolean;
}

/** A required string: trimmed, non-empty, at most `max` characters, no control characters. */
export function requiredText(value: unknown, field: string, rules: TextRules): string {
  if (typeof value !== 'string') throw badInput(field, 'is required');
  const text = value.trim();
  if (!text) throw badInput(field, 'must not be empty');
  if (text.length > rules.max) throw badInput(field, `must be at most ${rules.max} characters, got ${text.length}`);
  if ((rules.multiline ? CONTROL_CHARS_MULTILINE : CONTROL_CHARS).test(text)) {
    throw badInput(field, rules.multiline ? 'must not contain control characters' : 'must be a single line without control characters');
  }
  return text;
}

/** An optional string: undefined stays undefined (not given), null or blank becomes null (cleared). */
export function optionalText(value: string | null | undefined, field: string, rules: TextRules): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  return requiredText(value, field, rules);
}

/** An absolute http(s) URL, at most LIMITS.url characters. */
export function optionalHttpUrl(value: string | null | undefined, field: string): string | null | undefined {
  const text = optionalText(value, field, { max: LIMITS.url });
  if (text == null) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput(field, 'must be an absolute http:// or https:// URL');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || /\s/.test(text)) {
    throw badInput(field, 'must be an absolute http:// or https:// URL');
  }
  return text;
}

/**
 * A calendar date within the bounds of src/domain/date-bounds.ts: from EARLIEST_DATE, and not after
 * `latest` when given (writes give one: latestPlannedDate or latestPastDate). Queries give none and
 * are capped at READ_LATEST_DATE. (The Date scalar has already checked the format; this also guards
 * values that reach services by other paths.)
 */
export function checkDate(value: string, field: string, latest?: LatestDate): CalendarDate {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw badInput(field, calendarDateProblem(String(value)));
  const problem = dateBoundProblem(value, latest ?? { date: READ_LATEST_DATE, rule: 'no later dates can be asked about' });
  if (problem) throw badInput(field, problem);
  return value;
}

const READ_LATEST_DATE: CalendarDate = '2200-12-31';

export { latestPastDate, latestPlannedDate } from '../domain/date-bounds';

/** A positive integer such as a version number. */
export function positiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw badInput(field, 'must be a positive integer');
  return value;
}

/** Global ids of one type, parsed and de-duplicated (order kept); at most `max` of them. */
export function globalIdList(values: readonly string[] | null | undefined, type: NodeTypeName, field: string, max = LIMITS.listItems): string[] {
  if (!values) return [];
  if (values.length > max) throw badInput(field, `must list at most ${max} ids`);
  return [...new Set(values.map((v) => expectGlobalId(v, type, field)))];
}

/** NOT_FOUND naming `field` for the first requested id that `found` lacks. */
export function requireAllFound(requested: readonly string[], found: Iterable<string>, type: NodeTypeName, field: string): void {
  const present = new Set(found);
  const missing = requested.find((id) => !present.has(id));
  if (missing !== undefined) throw notFound(type, toGlobalId(type, missing), field);
}
