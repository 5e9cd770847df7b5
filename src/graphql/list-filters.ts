import type { CalendarDate } from '../domain/dates';
import type { Queryable } from '../db/queryable';
import { badInput } from './errors';
import { checkDate, LIMITS } from './validate';

/**
 * Checks shared by the list filters (commitments, follow-ups, followThrough, subscriptions).
 * Each throws BAD_USER_INPUT naming the field, before any list query runs.
 */

/** Party codes, trimmed, upper-cased and de-duplicated; refuses what cannot be a code. */
export function checkPartyCodes(codes: readonly string[], field: string): string[] {
  if (codes.length > LIMITS.listItems) throw badInput(field, `must list at most ${LIMITS.listItems} codes`);
  const wanted = [...new Set(codes.map((c) => c.trim().toUpperCase()))];
  const bad = wanted.find((c) => !/^[A-Z]{2}$/.test(c));
  if (bad !== undefined) throw badInput(field, `"${bad}" is not a party code: use ISO 3166-1 alpha-2 codes such as PK or CN`);
  return wanted;
}

/** Party codes to party ids; an unknown code is the caller's mistake, not an empty result. */
export async function partyIdsForCodes(db: Queryable, codes: readonly string[] | null | undefined, field: string): Promise<string[] | null> {
  if (codes == null) return null;
  const wanted = checkPartyCodes(codes, field);
  const rows: { id: string; code: string }[] = wanted.length
    ? await db.query(`SELECT id, code FROM party WHERE code = ANY($1::text[])`, [wanted])
    : [];
  const unknown = wanted.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length) throw badInput(field, `unknown party code${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; Query.parties lists the known ones`);
  return rows.map((r) => r.id);
}

/** A closed date range with either end optional; refuses an empty range. */
export function dateRange(after: CalendarDate | null | undefined, before: CalendarDate | null | undefined, path: string): { from: CalendarDate | null; to: CalendarDate | null } {
  const from = after == null ? null : checkDate(after, `${path}dueAfter`);
  const to = before == null ? null : checkDate(before, `${path}dueBefore`);
  if (from && to && from > to) throw badInput(`${path}dueAfter`, `must not be after dueBefore (${from} > ${to})`);
  return { from, to };
}

const MAX_SEARCH_WORDS = 10;

/** The words of a search string as ILIKE patterns, with LIKE's wildcards escaped. */
export function searchPatterns(search: string | null | undefined, field: string): string[] {
  if (search == null) return [];
  if (search.length > LIMITS.shortText) throw badInput(field, `must be at most ${LIMITS.shortText} characters`);
  if (/[\u0000-\u001f\u007f]/.test(search)) throw badInput(field, 'must not contain control characters');
  const words = search.trim().split(/\s+/).filter(Boolean);
  if (words.length > MAX_SEARCH_WORDS) throw badInput(field, `must have at most ${MAX_SEARCH_WORDS} words`);
  return [...new Set(words)].map((w) => `%${w.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
}

/** An optional list of statuses, de-duplicated; an empty list matches nothing, as written. */
export function distinct<T>(values: readonly T[] | null | undefined): T[] | null {
  return values == null ? null : [...new Set(values)];
}
