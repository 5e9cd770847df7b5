import { isCalendarDate } from '../domain/dates';
import { badInput } from '../graphql/errors';
import type { SortKey } from '../graphql/connection';

/**
 * Keyset conditions for lists ordered by a nullable date (nulls last), then id: the rows after
 * the cursor's [date, id], as one predicate the (date, id) indexes can serve.
 */
export function afterDateIdSql(dateExpr: string, idExpr: string, after: SortKey | null, params: unknown[]): string {
  if (!after) return 'TRUE';
  const [date, id] = after;
  const idParam = `$${params.push(id)}::bigint`;
  if (date === null) return `(${dateExpr} IS NULL AND ${idExpr} > ${idParam})`;
  const dateParam = `$${params.push(date)}::date`;
  return `(${dateExpr} > ${dateParam} OR (${dateExpr} = ${dateParam} AND ${idExpr} > ${idParam}) OR ${dateExpr} IS NULL)`;
}

/** Checks the date part of a decoded [date, id] cursor, so a forged cursor never reaches SQL as a bad cast. */
export function checkDateCursor(after: SortKey | null, field = 'after'): SortKey | null {
  if (after && after[0] !== null && (typeof after[0] !== 'string' || !isCalendarDate(after[0]))) {
    throw badInput(field, 'is not a cursor from this list; pass an endCursor or edge cursor you were given');
  }
  return after;
}
