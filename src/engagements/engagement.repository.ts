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

