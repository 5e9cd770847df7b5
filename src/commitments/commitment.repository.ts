import type { CalendarDate } from '../domain/dates';
import type { Status } from '../domain/status';
import { afterDateIdSql } from '../db/keyset';
import type { Queryable } from '../db/queryable';
import {
  bindStatusParams,
  commitmentStatusGivenNextDueSql,
  commitmentStatusLateralSql,
  datedStatusesFromTheStart,
  hasNoNextDueSql,
  isNextDueFollowUpSql,
  isOpenSql,
  nextDueInStatusesSql,
  nextDueSql,
  StatusParams,
  undatedOrClosedStatusFilterSql,
  wantsDatedStatuses,
  wantsUndatedOrClosedStatuses,
} from '../follow-ups/follow-up-status.sql';
import type { PageRequest } from '../graphql/connection';
import { bindKnownRelations, CURRENT_RELATIONS, KnownRelations } from '../known-at/known-at.sql';
import { CommitmentCriteria, commitmentCriteriaSql } from './commitment-criteria';
import type { CommitmentEntity } from './commitment.entity';

/** A commitment row as the API's resolvers take it. */
export type CommitmentRow = CommitmentEntity;

/** A commitment's derived state as of one date. */
export interface CommitmentAggregate {
  status: Status;
  nextDueDate: CalendarDate | null;
}

/** A page row also carries its aggregate as of the list's asOf (derivedAsOf) and knownAt (derivedKnownAt, null: now). */
export type CommitmentPageRow = CommitmentRow & CommitmentAggregate & { derivedAsOf: CalendarDate; derivedKnownAt: string | null };

function kindColumn(c: string, known: Pick<KnownRelations, 'commitmentKind'>): string {
  const kind = known.commitmentKind(c);
  return kind === `${c}.kind` ? kind : `${kind} AS kind`;
}

/** The commitment row's columns; `known` gives the kind as known at an instant (see known-at.sql.ts). */
export const COMMITMENT_COLUMNS = (c: string, known: Pick<KnownRelations, 'commitmentKind'> = CURRENT_RELATIONS) => `${c}.id, ${c}.title, ${c}.description, ${kindColumn(c, known)}, ${c}.external_id AS "externalId", ${c}.engagement_id AS "engagementId",
  ${c}.recurrence, ${c}.starts_on AS "startsOn", ${c}.materialized_through AS "materializedThrough", ${c}.version,
  ${c}.created_at AS "createdAt", ${c}.updated_at AS "updatedAt"`;

/** Commitments by id; with knownAt, only those recorded by then. */
export function commitmentsByIds(db: Queryable, ids: readonly string[], knownAt: string | null = null): Promise<CommitmentRow[]> {
  const params: unknown[] = [ids];
  const known = bindKnownRelations(params, knownAt);
  return db.query(`SELECT ${COMMITMENT_COLUMNS('c', known)} FROM ${known.commitment} c WHERE c.id = ANY($1::bigint[])`, params);
}

/**
 * One page of commitments matching the criteria, ordered by next due date as of asOf (none
 * last), then id, with the total when `withTotal` (counting is the one part that grows with the
 * number of matches, so it is skipped when nobody asked for it).
 */
export async function pageOfCommitments(
  db: Queryable,
  criteria: CommitmentCriteria,
  asOf: CalendarDate,
  dueSoonDays: number,
  page: PageRequest,
  { withTotal = true, knownAt = null }: { withTotal?: boolean; knownAt?: string | null } = {},
): Promise<{ rows: CommitmentPageRow[]; total: number | null }> {
  // An engagement or search words narrow the list to few commitments: start from those. Otherwise
  // start from the follow-ups in due-date order, which is the list's order.
  const narrow = criteria.engagementId !== null || criteria.searchPatterns.length > 0;
  const [rows, total] = await Promise.all([
    narrow ? pageFromCommitments(db, criteria, asOf, dueSoonDays, page, knownAt) : pageFromDueDates(db, criteria, asOf, dueSoonDays, page, knownAt),
    withTotal ? (narrow ? countFromCommitments(db, criteria, asOf, dueSoonDays, knownAt) : countFromDueDates(db, criteria, asOf, dueSoonDays, knownAt)) : null,
  ]);
  for (const row of rows) {
    row.derivedAsOf = asOf;
    row.derivedKnownAt = knownAt;
  }
  return { rows, total };
}

/** The page's rows: `pageSql` selects (id, next_due) in list order; status and the rest are computed for these only. */
function pageRowsSql(pageSql: string, p: StatusParams): string {
  return `
    WITH page AS (${pageSql})
    SELECT ${COMMITMENT_COLUMNS('c', p)}, page.next_due AS "nextDueDate", ${commitmentStatusGivenNextDueSql('c', 'page.next_due', p)} AS status
      FROM page JOIN ${p.commitment} c ON c.id = page.id
     ORDER BY page.next_due NULLS LAST, c.id`;
}

/**
 * The page from commitments matching the criteria: the next due date is one probe of
 * follow_up_commitment_due_closed_idx per candidate, so this grows with the candidates.
 */
function pageFromCommitments(
  db: Queryable, criteria: CommitmentCriteria, asOf: CalendarDate, dueSoonDays: number, page: PageRequest, knownAt: string | null,
): Promise<CommitmentPageRow[]> {
  const params: unknown[] = [];
  const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
  const where = commitmentCriteriaSql('c', criteria, params, p, 'nd.next_due');
  where.push(afterDateIdSql('nd.next_due', 'c.id', page.after, params));
  const pageSql = `SELECT c.id, nd.next_due
      FROM ${p.commitment} c CROSS JOIN LATERAL (SELECT ${nextDueSql('c', p)} AS next_due) nd
     WHERE ${where.join(' AND ')}
     ORDER BY nd.next_due NULLS LAST, c.id
     LIMIT $${params.push(page.limit + 1)}`;
  return db.query(pageRowsSql(pageSql, p), params);
}

function countFromCommitments(db: Queryable, criteria: CommitmentCriteria, asOf: CalendarDate, dueSoonDays: number, knownAt: string | null): Promise<number> {
  const params: unknown[] = [];
  const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
  const where = commitmentCriteriaSql('c', criteria, params, p, 'nd.next_due');
  // The next due date is computed only when a status filter needs it.
  const lateral = criteria.statuses ? `CROSS JOIN LATERAL (SELECT ${nextDueSql('c', p)} AS next_due) nd` : '';
  return countOf(db, `SELECT count(*)::int AS n FROM ${p.commitment} c ${lateral} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params);
}

/**
 * The page from open follow-ups walked in due-date order (follow_up_due_idx), keeping each
 * commitment's earliest one: its due date is the commitment's next due date, so the walk yields
 * commitments in list order and stops after the page. Commitments with no next due date come
 * after, walked by id. Either walk starts at the cursor, so a deep page costs what the first does.
 */
function pageFromDueDates(
  db: Queryable, criteria: CommitmentCriteria, asOf: CalendarDate, dueSoonDays: number, page: PageRequest, knownAt: string | null,
): Promise<CommitmentPageRow[]> {
  const params: unknown[] = [];
  const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
  const others = commitmentCriteriaSql('c', { ...criteria, statuses: null }, params, p, 'unused');
  const limit = `$${params.push(page.limit + 1)}`;
  const [afterDate, afterId] = page.after ?? [null, null];
  const branches: string[] = [];
  if (wantsDatedStatuses(criteria.statuses) && !(page.after && afterDate === null)) {
    const where = [`f.due_date IS NOT NULL`, nextDueInStatusesSql('f.due_date', criteria.statuses, p), isOpenSql('f', p), ...others];
    if (page.after) {
      const date = `$${params.push(afterDate)}::date`;
      where.push(`f.due_date >= ${date} AND (f.due_date > ${date} OR f.commitment_id > $${params.push(afterId)}::bigint)`);
    }
    where.push(isNextDueFollowUpSql('f', p));
    branches.push(`(SELECT f.commitment_id AS id, f.due_date AS next_due
        FROM ${p.followUp} f ${others.length ? `JOIN ${p.commitment} c ON c.id = f.commitment_id` : ''}
       WHERE ${where.join(' AND ')}
       ORDER BY f.due_date, f.commitment_id LIMIT ${limit})`);
  }
  if (wantsUndatedOrClosedStatuses(criteria.statuses)) {
    const where = [hasNoNextDueSql('c', p), undatedOrClosedStatusFilterSql('c', criteria.statuses, p), ...others];
    if (page.after && afterDate === null) where.push(`c.id > $${params.push(afterId)}::bigint`);
    branches.push(`(SELECT c.id, NULL::date AS next_due FROM ${p.commitment} c WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ${limit})`);
  }
  if (!branches.length) return Promise.resolve([]);
  // Without an ORDER BY, the LIMIT reads the branches in turn and stops as soon as the page is
  // full, so the undated walk never starts while dated commitments fill the page.
  return db.query(pageRowsSql(`SELECT * FROM (${branches.join(' UNION ALL ')}) b LIMIT ${limit}`, p), params);
}

/**
 * The total for pageFromDueDates. Commitments with a next due date wanted are counted from the
 * open follow-ups in range: distinct commitments when the wanted range starts at the earliest
 * dates (any such follow-up puts its commitment in range), otherwise each commitment's earliest
 * open follow-up. The rest are counted one commitment at a time.
 */
async function countFromDueDates(db: Queryable, criteria: CommitmentCriteria, asOf: CalendarDate, dueSoonDays: number, knownAt: string | null): Promise<number> {
  const counts: Promise<number>[] = [];
  if (!criteria.statuses) {
    const params: unknown[] = [];
    const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
    const where = commitmentCriteriaSql('c', criteria, params, p, 'unused');
    return countOf(db, `SELECT count(*)::int AS n FROM ${p.commitment} c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params);
  }
  if (wantsDatedStatuses(criteria.statuses)) {
    const params: unknown[] = [];
    const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
    const others = commitmentCriteriaSql('c', { ...criteria, statuses: null }, params, p, 'unused');
    const fromTheStart = datedStatusesFromTheStart(criteria.statuses);
    const where = [`f.due_date IS NOT NULL`, nextDueInStatusesSql('f.due_date', criteria.statuses, p), isOpenSql('f', p), ...others];
    if (!fromTheStart) where.push(isNextDueFollowUpSql('f', p));
    counts.push(countOf(db, `SELECT count(${fromTheStart ? 'DISTINCT f.commitment_id' : '*'})::int AS n
        FROM ${p.followUp} f ${others.length ? `JOIN ${p.commitment} c ON c.id = f.commitment_id` : ''} WHERE ${where.join(' AND ')}`, params));
  }
  if (wantsUndatedOrClosedStatuses(criteria.statuses)) {
    const params: unknown[] = [];
    const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
    const where = [hasNoNextDueSql('c', p), undatedOrClosedStatusFilterSql('c', criteria.statuses, p), ...commitmentCriteriaSql('c', { ...criteria, statuses: null }, params, p, 'unused')];
    counts.push(countOf(db, `SELECT count(*)::int AS n FROM ${p.commitment} c WHERE ${where.join(' AND ')}`, params));
  }
  return (await Promise.all(counts)).reduce((a, b) => a + b, 0);
}

async function countOf(db: Queryable, sql: string, params: unknown[]): Promise<number> {
  const [{ n }] = await db.query(sql, params);
  return n;
}

/** Status and next due date of many commitments as of one date (and knownAt), in one statement. */
export async function commitmentAggregates(
  db: Queryable, ids: readonly string[], asOf: CalendarDate, dueSoonDays: number, knownAt: string | null = null,
): Promise<Map<string, CommitmentAggregate>> {
  const params: unknown[] = [ids];
  const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
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

/** Commitments citing many sources, one page each (in the order they were recorded), with totals. */
export async function commitmentPagesCitingSources(db: Queryable, sourceIds: readonly string[], page: PageRequest): Promise<Map<string, { rows: CommitmentRow[]; total: number }>> {
  const after = page.after?.[0] ?? '0';
  const [rows, totals]: [(CommitmentRow & { sourceId: string })[], { sourceId: string; total: number }[]] = await Promise.all([
    db.query(
      `SELECT x."sourceId", ${COMMITMENT_COLUMNS('c')}
         FROM unnest($1::bigint[]) AS s(id) CROSS JOIN LATERAL (
           SELECT sc.source_id AS "sourceId", sc.commitment_id FROM source_citation sc
            WHERE sc.source_id = s.id AND sc.commitment_id > $2::bigint ORDER BY sc.commitment_id LIMIT $3) x
         JOIN commitment c ON c.id = x.commitment_id
        ORDER BY x."sourceId", c.id`,
      [sourceIds, after, page.limit + 1],
    ),
    db.query(
      `SELECT source_id AS "sourceId", count(*)::int AS total FROM source_citation WHERE source_id = ANY($1::bigint[]) GROUP BY source_id`,
      [sourceIds],
    ),
  ]);
  const result = new Map<string, { rows: CommitmentRow[]; total: number }>();
  for (const id of sourceIds) result.set(id, { rows: [], total: 0 });
  for (const t of totals) result.get(t.sourceId)!.total = t.total;
  for (const { sourceId, ...row } of rows) result.get(sourceId)!.rows.push(row);
  return result;
}
