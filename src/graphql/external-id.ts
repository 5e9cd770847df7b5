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
  if (externalId !== null && (await db.query(`SELECT 1 FROM ${table} WHERE external_id = $1`, [externalId])).length) {
    throw badInput(field, `"${externalId}" is already the externalId of another ${table}`);
  }
  return externalId;
}
