import type { CalendarDate } from '../domain/dates';
import type { Status } from '../domain/status';
import { afterDateIdSql } from '../db/keyset';
import type { Queryable } from '../db/queryable';
import type { PageRequest } from '../graphql/connection';
import { bindStatusParams, completedOnSql, decidingReportIdSql, followUpStatusFilterSql, followUpStatusSql, StatusParams, statusFactColumnsSql } from './follow-up-status.sql';
import type { CommitmentKind } from '../domain/commitment-kinds';
import type { Verification } from '../domain/verification';
import { reportVerificationSql } from '../evidence/verification.sql';
import { bindKnownRelations } from '../known-at/known-at.sql';
import type { FollowUpEntity } from './follow-up.entity';

/** A follow-up as the API's resolvers take it: what FollowUp exposes, and its commitment. */
export type FollowUpRow = Pick<FollowUpEntity, 'id' | 'commitmentId' | 'title' | 'dueDate'>;
/** A list row also carries its status as of the list's asOf (derivedAsOf) and knownAt (derivedKnownAt, null: now). */
export type FollowUpPageRow = FollowUpRow & { status: Status; derivedAsOf: CalendarDate; derivedKnownAt: string | null };

/** Checked FollowUpFilter (see follow-up.criteria.ts). */
export interface FollowUpCriteria {
  statuses: Status[] | null;
  /** Obligors. */
  partyIds: string[] | null;
  commitmentId: string | null;
  engagementId: string | null;
  kinds: CommitmentKind[] | null;
  dueFrom: CalendarDate | null;
  dueTo: CalendarDate | null;
}

/** The follow_up columns of a FollowUpRow, by the row's field names. */
const FOLLOW_UP_FIELDS = { id: 'id', commitmentId: 'commitment_id', title: 'title', dueDate: 'due_date' };

const FOLLOW_UP_COLUMNS = (f: string) => Object.entries(FOLLOW_UP_FIELDS).map(([field, column]) => `${f}.${column} AS "${field}"`).join(', ');

/** The row's fields of a subquery `x` that selected FOLLOW_UP_COLUMNS, leaving out the status facts it also selected. */
const SELECTED_FOLLOW_UP_COLUMNS = (x: string) => Object.keys(FOLLOW_UP_FIELDS).map((field) => `${x}."${field}"`).join(', ');

/** Follow-ups by id; with knownAt, only those recorded by then, with the due date known then. */
export function followUpsByIds(db: Queryable, ids: readonly string[], knownAt: string | null = null): Promise<FollowUpRow[]> {
  const params: unknown[] = [ids];
  const known = bindKnownRelations(params, knownAt);
  return db.query(`SELECT ${FOLLOW_UP_COLUMNS('f')} FROM ${known.followUp} f WHERE f.id = ANY($1::bigint[])`, params);
}

/**
 * The due date as first recorded of many follow-ups: the date before their first move, if any
 * moved, else the current one (a follow-up's own row, then one probe of the change index).
 */
export async function originalDueDates(db: Queryable, ids: readonly string[]): Promise<Map<string, CalendarDate | null>> {
  const rows: { id: string; originalDueDate: CalendarDate | null }[] = await db.query(
    `SELECT f.id, CASE WHEN ch.moved THEN ch.due_date_before ELSE f.due_date END AS "originalDueDate"
       FROM follow_up f
       LEFT JOIN LATERAL (SELECT true AS moved, c.due_date_before FROM follow_up_due_date_change c
            WHERE c.follow_up_id = f.id ORDER BY c.recorded_at, c.id LIMIT 1) ch ON true
      WHERE f.id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.originalDueDate]));
}

function criteriaSql(f: string, criteria: FollowUpCriteria, params: unknown[], p: StatusParams): string[] {
  const where: string[] = [];
  if (criteria.statuses) where.push(followUpStatusFilterSql(f, criteria.statuses, p));
  if (criteria.partyIds) {
    where.push(`EXISTS (SELECT 1 FROM commitment_party cp WHERE cp.commitment_id = ${f}.commitment_id AND cp.role = 'OBLIGOR' AND cp.party_id = ANY($${params.push(criteria.partyIds)}::bigint[]))`);
  }
  if (criteria.engagementId || criteria.kinds) {
    const of = [`fc.id = ${f}.commitment_id`];
    if (criteria.engagementId) of.push(`fc.engagement_id = $${params.push(criteria.engagementId)}::bigint`);
    if (criteria.kinds) of.push(`${p.commitmentKind('fc')} = ANY($${params.push(criteria.kinds)}::text[])`);
    where.push(`EXISTS (SELECT 1 FROM commitment fc WHERE ${of.join(' AND ')})`);
  }
  if (criteria.commitmentId) where.push(`${f}.commitment_id = $${params.push(criteria.commitmentId)}::bigint`);
  if (criteria.dueFrom) where.push(`${f}.due_date >= $${params.push(criteria.dueFrom)}::date`);
  if (criteria.dueTo) where.push(`${f}.due_date <= $${params.push(criteria.dueTo)}::date`);
  return where;
}

/**
 * One page of follow-ups ordered by due date (none last), then id, with the total. The order is
 * follow_up_due_idx's, so with a status filter such as OVERDUE the page is an index range scan.
 */
export async function pageOfFollowUps(
  db: Queryable,
  criteria: FollowUpCriteria,
  asOf: CalendarDate,
  dueSoonDays: number,
  page: PageRequest,
  knownAt: string | null = null,
): Promise<{ rows: FollowUpPageRow[]; total: number }> {
  const params: unknown[] = [];
  const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
  const where = criteriaSql('f', criteria, params, p);
  where.push(afterDateIdSql('f.due_date', 'f.id', page.after, params));
  const rowsSql = `
    SELECT ${SELECTED_FOLLOW_UP_COLUMNS('x')}, ${followUpStatusSql('x', p)} AS status FROM (
      SELECT ${FOLLOW_UP_COLUMNS('f')}, ${statusFactColumnsSql('f')} FROM ${p.followUp} f
       WHERE ${where.join(' AND ')}
       ORDER BY f.due_date NULLS LAST, f.id LIMIT $${params.push(page.limit + 1)}) x
     ORDER BY x.due_date NULLS LAST, x.id`;
  const countParams: unknown[] = [];
  const cp = bindStatusParams(countParams, asOf, dueSoonDays, knownAt);
  const countWhere = criteriaSql('f', criteria, countParams, cp);
  const countSql = `SELECT count(*)::int AS total FROM ${cp.followUp} f ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`;
  const [rows, [{ total }]] = await Promise.all([db.query(rowsSql, params), db.query(countSql, countParams)]);
  return { rows: rows.map((r: FollowUpPageRow) => withDerived(r, asOf, knownAt)), total };
}

function withDerived(row: FollowUpPageRow, asOf: CalendarDate, knownAt: string | null): FollowUpPageRow {
  row.derivedAsOf = asOf;
  row.derivedKnownAt = knownAt;
  return row;
}

/**
 * The follow-ups of many commitments, one page each (due date, none last, then id), filtered by
 * status as of asOf, with totals when `withTotal`: two statements whatever the number of
 * commitments. Each page is its own short walk of follow_up_commitment_due_closed_idx, so a commitment
 * with hundreds of follow-ups costs its page, not its history; only the totals read them all.
 */
export async function followUpPagesOfCommitments(
  db: Queryable,
  commitmentIds: readonly string[],
  statuses: Status[] | null,
  asOf: CalendarDate,
  dueSoonDays: number,
  page: PageRequest,
  withTotal = true,
  knownAt: string | null = null,
): Promise<Map<string, { rows: FollowUpPageRow[]; total: number | null }>> {
  const params: unknown[] = [commitmentIds];
  const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
  const filter = statuses ? followUpStatusFilterSql('f', statuses, p) : 'TRUE';
  const keyset = afterDateIdSql('f.due_date', 'f.id', page.after, params);
  const rowsSql = `
    SELECT ${SELECTED_FOLLOW_UP_COLUMNS('x')}, ${followUpStatusSql('x', p)} AS status
      FROM unnest($1::bigint[]) AS c(id) CROSS JOIN LATERAL (
        SELECT ${FOLLOW_UP_COLUMNS('f')}, ${statusFactColumnsSql('f')} FROM ${p.followUp} f
         WHERE f.commitment_id = c.id AND ${filter} AND ${keyset}
         ORDER BY f.due_date NULLS LAST, f.id LIMIT $${params.push(page.limit + 1)}) x
     ORDER BY x."commitmentId", x.due_date NULLS LAST, x.id`;
  const countParams: unknown[] = [commitmentIds];
  const cp = bindStatusParams(countParams, asOf, dueSoonDays, knownAt);
  const countSql = `SELECT f.commitment_id AS "commitmentId", count(*)::int AS total FROM ${cp.followUp} f
     WHERE f.commitment_id = ANY($1::bigint[]) AND ${statuses ? followUpStatusFilterSql('f', statuses, cp) : 'TRUE'}
     GROUP BY f.commitment_id`;
  const [rows, totals]: [FollowUpPageRow[], { commitmentId: string; total: number }[]] = await Promise.all([
    db.query(rowsSql, params),
    withTotal ? db.query(countSql, countParams) : [],
  ]);
  const result = new Map<string, { rows: FollowUpPageRow[]; total: number | null }>();
  for (const id of commitmentIds) result.set(id, { rows: [], total: withTotal ? 0 : null });
  for (const t of totals) result.get(t.commitmentId)!.total = t.total;
  for (const r of rows) {
    result.get(r.commitmentId)!.rows.push(withDerived(r, asOf, knownAt));
  }
  return result;
}

/** Status of many follow-ups as of one date (and knownAt), in one statement. */
export async function followUpStatuses(
  db: Queryable, ids: readonly string[], asOf: CalendarDate, dueSoonDays: number, knownAt: string | null = null,
): Promise<Map<string, Status>> {
  const params: unknown[] = [ids];
  const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
  const rows: { id: string; status: Status }[] = await db.query(
    `SELECT f.id, ${followUpStatusSql('f', p)} AS status FROM ${p.followUp} f WHERE f.id = ANY($1::bigint[])`,
    params,
  );
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** completedOn of many follow-ups (from the reports known at knownAt), in one statement. */
export async function completedOnDates(db: Queryable, ids: readonly string[], knownAt: string | null = null): Promise<Map<string, CalendarDate | null>> {
  const params: unknown[] = [ids];
  const known = bindKnownRelations(params, knownAt);
  const rows: { id: string; completedOn: CalendarDate | null }[] = await db.query(
    `SELECT f.id, ${completedOnSql('f', known)} AS "completedOn" FROM ${known.followUp} f WHERE f.id = ANY($1::bigint[])`,
    params,
  );
  return new Map(rows.map((r) => [r.id, r.completedOn]));
}

/**
 * The verification of the report deciding each follow-up's status as of one date (absent while
 * open), in one statement; with knownAt, from the reports and evidence recorded by then.
 */
export async function followUpVerifications(
  db: Queryable, ids: readonly string[], asOf: CalendarDate, knownAt: string | null = null,
): Promise<Map<string, Verification>> {
  const params: unknown[] = [ids];
  // The deciding report depends on asOf alone; dueSoonDays is never bound.
  const p = bindStatusParams(params, asOf, 0, knownAt);
  const rows: { id: string; verification: Verification }[] = await db.query(
    `SELECT f.id, ${reportVerificationSql('d.report_id', 'f.commitment_id', p)} AS verification
       FROM ${p.followUp} f CROSS JOIN LATERAL (SELECT ${decidingReportIdSql('f', p)} AS report_id) d
      WHERE f.id = ANY($1::bigint[]) AND d.report_id IS NOT NULL`,
    params,
  );
  return new Map(rows.map((r) => [r.id, r.verification]));
}
