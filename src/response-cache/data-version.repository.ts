import type { Queryable } from '../db/queryable';

/** The committed data's version (migration DataVersion): it rises with every transaction that changes what a read can see. */
export async function currentDataVersion(db: Queryable): Promise<number> {
  const [{ version }] = await db.query(`SELECT version FROM data_version`);
  return Number(version);
}
