import { afterDateIdSql } from '../db/keyset';
import type { Queryable } from '../db/queryable';
import type { PageRequest } from '../graphql/connection';
import type { EngagementEntity } from './engagement.entity';

export type EngagementRow = EngagementEntity;

const COLUMNS = `e.id, e.title, e.held_on AS "heldOn", e.location, e.summary, e.external_id AS "externalId", e.created_at AS "createdAt"`;

export function engagementsByIds(db: Queryable, ids: readonly string[]): Promise<EngagementRow[]> {
  return db.query(`SELECT ${COLUMNS} FROM engagement e WHERE e.id = ANY($1::bigint[])`, [ids]);
}

/** Engagements in the order they were held (undated last), then id: engagement_held_on_idx's order. */
export async function pageOfEngagements(db: Queryable, page: PageRequest): Promise<{ rows: EngagementRow[]; total: number }> {
  const params: unknown[] = [];
  const after = afterDateIdSql('e.held_on', 'e.id', page.after, params);
  const [rows, [{ total }]] = await Promise.all([
    db.query(`SELECT ${COLUMNS} FROM engagement e WHERE ${after} ORDER BY e.held_on NULLS LAST, e.id LIMIT $${params.push(page.limit + 1)}`, params),
    db.query(`SELECT count(*)::int AS total FROM engagement`),
  ]);
  return { rows, total };
}

/** The day of the engagement a commitment was made at; null when it has none or the date is unknown. */
export async function engagementHeldOnOfCommitment(db: Queryable, commitmentId: string): Promise<string | null> {
  const rows: { heldOn: string | null }[] = await db.query(
    `SELECT e.held_on AS "heldOn" FROM commitment c JOIN engagement e ON e.id = c.engagement_id WHERE c.id = $1`,
    [commitmentId],
  );
  return rows[0]?.heldOn ?? null;
}
