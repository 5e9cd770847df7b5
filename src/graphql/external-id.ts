import type { Queryable } from '../db/queryable';
import { badInput } from './errors';
import { optionalText } from './validate';

/** The tables whose rows carry an external_id, the key CSV imports match on. */
export type ExternalIdTable = 'commitment' | 'engagement' | 'source';

/**
 * An external id given by the caller: trimmed, one line, at most 200 characters, and not already
 * used by another row of the table (BAD_USER_INPUT naming `field`). Null or blank: none.
 */
export async function unusedExternalId(db: Queryable, table: ExternalIdTable, value: string | null | undefined, field: string): Promise<string | null> {
  const externalId = optionalText(value, field, { max: 200 }) ?? null;
  if (externalId !== null && (await db.query(`SELECT 1 FROM ${table} WHERE external_id = $1`, [externalId])).length) throw taken(table, externalId, field);
  return externalId;
}

const taken = (table: ExternalIdTable, externalId: string, field: string) => badInput(field, `"${externalId}" is already the externalId of another ${table}`);

/**
 * Runs the write that stores an external id checked by unusedExternalId. Two writers racing for
 * one id both pass the check; the unique constraint stops the second, which then gets the answer
 * it would have got coming second, not an internal error.
 */
export async function writingExternalId<T>(table: ExternalIdTable, externalId: string | null, field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
    const violated = (err.driverError?.code ?? err.code) === '23505' && (err.driverError?.constraint ?? err.constraint) === `${table}_external_id_key`;
    if (violated && externalId !== null) throw taken(table, externalId, field);
    throw e;
  }
}
