import type { EntityManager } from 'typeorm';
import { NodeTypeName, parseGlobalId, toGlobalId } from '../graphql/global-id';

/** The tables an import row can be matched in or refer to, with the API type of their ids. */
export const KEYED_TABLES = {
  engagement: 'Engagement',
  source: 'Source',
  commitment: 'Commitment',
  progress_report: 'ProgressReport',
} as const satisfies Record<string, NodeTypeName>;
export type KeyedTable = keyof typeof KEYED_TABLES;

/**
 * Database ids by import key. A key is a row's external_id; for a row that has none, its API
 * global id also works as its key, which is what an export in the import layout writes for such
 * rows, so that the export imports back as unchanged without inventing keys.
 */
export async function idsByKey(m: EntityManager, table: KeyedTable, keys: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!keys.length) return found;
  const rows: { id: string; external_id: string }[] = await m.query(`SELECT id::text, external_id FROM ${table} WHERE external_id = ANY($1::text[])`, [keys]);
  for (const r of rows) found.set(r.external_id, r.id);
  const type = KEYED_TABLES[table];
  const byGlobalId = keys.filter((k) => !found.has(k)).flatMap((k) => {
    const parsed = parseGlobalId(k);
    return parsed?.type === type ? [parsed.id] : [];
  });
  if (byGlobalId.length) {
    const unkeyed: { id: string }[] = await m.query(`SELECT id::text FROM ${table} WHERE id = ANY($1::bigint[]) AND external_id IS NULL`, [byGlobalId]);
    for (const r of unkeyed) found.set(toGlobalId(type, r.id), r.id);
  }
  return found;
}

/** The key an export writes for a row: its external_id, else its global id. */
export function exportKey(table: KeyedTable, id: string, externalId: string | null): string {
  return externalId ?? toGlobalId(KEYED_TABLES[table], id);
}
