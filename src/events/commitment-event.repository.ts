import type { Queryable } from '../db/queryable';
import type { PageRequest } from '../graphql/connection';
import type { CommitmentEventEntity } from './commitment-event.entity';

export type CommitmentEventRow = CommitmentEventEntity;

export const EVENT_COLUMNS = (e: string) => `${e}.id, ${e}.commitment_id AS "commitmentId", ${e}.follow_up_id AS "followUpId", ${e}.kind,
  ${e}.occurred_at AS "occurredAt", ${e}.actor, ${e}.previous_status AS "previousStatus", ${e}.status, ${e}.details`;

/** The history of many commitments, one page each, oldest first, with totals: two statements. */
export async function historyPagesOfCommitments(
  db: Queryable,
  commitmentIds: readonly string[],
  page: PageRequest,
): Promise<Map<string, { rows: CommitmentEventRow[]; total: number }>> {
  const after = page.after?.[0] ?? '0';
  const [rows, totals]: [CommitmentEventRow[], { commitmentId: string; total: number }[]] = await Promise.all([
    db.query(
      `SELECT x.* FROM (
         SELECT ${EVENT_COLUMNS('e')}, row_number() OVER (PARTITION BY e.commitment_id ORDER BY e.id) AS rn
           FROM commitment_event e WHERE e.commitment_id = ANY($1::bigint[]) AND e.id > $2::bigint) x
        WHERE x.rn <= $3 ORDER BY x."commitmentId", x.id`,
      [commitmentIds, after, page.limit + 1],
    ),
    db.query(
      `SELECT commitment_id AS "commitmentId", count(*)::int AS total FROM commitment_event
        WHERE commitment_id = ANY($1::bigint[]) GROUP BY commitment_id`,
      [commitmentIds],
    ),
  ]);
  const result = new Map<string, { rows: CommitmentEventRow[]; total: number }>();
  for (const id of commitmentIds) result.set(id, { rows: [], total: 0 });
  for (const t of totals) result.get(t.commitmentId)!.total = t.total;
  for (const row of rows) result.get(row.commitmentId)!.rows.push(row);
  return result;
}
