import type { CalendarDate } from '../domain/dates';
import type { Status } from '../domain/status';
import { afterDateIdSql } from '../db/keyset';
import type { Queryable } from '../db/queryable';
import { bindStatusParams, commitmentStatusLateralSql, nextDueSql } from '../follow-ups/follow-up-status.sql';
import type { PageRequest } from '../graphql/connection';
import { CommitmentCriteria, commitmentCriteriaSql } from './commitment-criteria';
import type { CommitmentEntity } from './commitment.entity';

/** A commitment row as the API's resolvers take it. */
export type CommitmentRow = CommitmentEntity;

/** A commitment's derived state as of one date. */
export interface CommitmentAggregate {
  status: Status;
  nextDueDate: CalendarDate | null;
}

/** A page row also carries its aggregate as of the list's asOf. */
export type CommitmentPageRow = CommitmentRow & CommitmentAggregate;

export const COMMITMENT_COLUMNS = (c: string) => `${c}.id, ${c}.title, ${c}.description, ${c}.engagement_id AS "engagementId",
  ${c}.recurrence, ${c}.starts_on AS "startsOn", ${c}.materialized_through AS "materializedThrough", ${c}.version,
  ${c}.created_at AS "createdAt", ${c}.updated_at AS "updatedAt"`;

export function commitmentsByIds(db: Queryable, ids: readonly string[]): Promise<CommitmentRow[]> {
  return db.query(`SELECT ${COMMITMENT_COLUMNS('c')} FROM commitment c WHERE c.id = ANY($1::bigint[])`, [ids]);
}

/**
 * One page of commitments matching the criteria, ordered by next due date as of asOf (none
 * last), then id, with the total. The next due date is one probe of
 * follow_up_commitment_due_idx per candidate; status and the rest are computed for the page only.
 */
export async function pageOfCommitments(
  db: Queryable,
  criteria: CommitmentCriteria,
  asOf: CalendarDate,
  dueSoonDays: number,
  page: PageRequest,
): Promise<{ rows: CommitmentPageRow[]; total: number }> {
  const pageParams: unknown[] = [];
  const p = bindStatusParams(pageParams, asOf, dueSoonDays);
  const where = commitmentCriteriaSql('c', criteria, pageParams, p, 'nd.next_due');
  where.push(afterDateIdSql('nd.next_due', 'c.id', page.after, pageParams));
  const rowsSql = `
    WITH page AS (
      SELECT c.id, nd.next_due
        FROM commitment c CROSS JOIN LATERAL (SELECT ${nextDueSql('c', p)} AS next_due) nd
       WHERE ${where.join(' AND ')}
       ORDER BY nd.next_due NULLS LAST, c.id
       LIMIT $${pageParams.push(page.limit + 1)})
    SELECT ${COMMITMENT_COLUMNS('c')}, page.next_due AS "nextDueDate", agg.status
      FROM page JOIN commitment c ON c.id = page.id
      CROSS JOIN LATERAL ${commitmentStatusLateralSql('c', p)} agg
     ORDER BY page.next_due NULLS LAST, c.id`;

  const countParams: unknown[] = [];
  const cp = bindStatusParams(countParams, asOf, dueSoonDays);
  const countWhere = commitmentCriteriaSql('c', criteria, countParams, cp, 'nd.next_due');
  // The next due date is computed only when a status filter needs it.
  const lateral = criteria.statuses ? `CROSS JOIN LATERAL (SELECT ${nextDueSql('c', cp)} AS next_due) nd` : '';
  const countSql = `SELECT count(*)::int AS total FROM commitment c ${lateral} ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`;

  const [rows, [{ total }]] = await Promise.all([db.query(rowsSql, pageParams), db.query(countSql, countParams)]);
  return { rows, total };
}

/** Status and next due date of many commitments as of one date, in one statement. */
export async function commitmentAggregates(db: Queryable, ids: readonly string[], asOf: CalendarDate, dueSoonDays: number): Promise<Map<string, CommitmentAggregate>> {
  const params: unknown[] = [ids];
  const p = bindStatusParams(params, asOf, dueSoonDays);
  const rows: { id: string; status: Status; nextDueDate: CalendarDate | null }[] = await db.query(
    `SELECT c.id, agg.status, agg.next_due AS "nextDueDate"
       FROM unnest($1::bigint[]) AS c(id) CROSS JOIN LATERAL ${commitmentStatusLateralSql('c', p)} agg`,
    params,
  );
  return new Map(rows.map((r) => [r.id, { status: r.status, nextDueDate: r.nextDueDate }]));
}

/** Commitments of many engagements, one page each (in the order they were recorded), with totals. */
export async function commitmentPagesOfEngagements(db: Queryable, engagementIds: readonly string[], page: PageRequest): Promise<Map<string, { rows: CommitmentRow[]; total: number }>> {
  const after = page.after?.[0] ?? '0';
  const [rows, totals]: [(CommitmentRow & { rn: string })[], { engagementId: string; total: number }[]] = await Promise.all([
    db.query(
      `SELECT * FROM (
         SELECT ${COMMITMENT_COLUMNS('c')}, row_number() OVER (PARTITION BY c.engagement_id ORDER BY c.id) AS rn
           FROM commitment c WHERE c.engagement_id = ANY($1::bigint[]) AND c.id > $2::bigint) x
        WHERE x.rn <= $3 ORDER BY x."engagementId", x.id`,
      [engagementIds, after, page.limit + 1],
    ),
    db.query(
      `SELECT engagement_id AS "engagementId", count(*)::int AS total FROM commitment WHERE engagement_id = ANY($1::bigint[]) GROUP BY engagement_id`,
      [engagementIds],
    ),
  ]);
  const result = new Map<string, { rows: CommitmentRow[]; total: number }>();
  for (const id of engagementIds) result.set(id, { rows: [], total: 0 });
  for (const t of totals) result.get(t.engagementId)!.total = t.total;
  for (const { rn: _rn, ...row } of rows) result.get(row.engagementId!)!.rows.push(row);
  return result;
}
