import type { CalendarDate } from '../domain/dates';
import type { Status } from '../domain/status';
import type { Queryable } from '../db/queryable';
import { notFound } from '../graphql/errors';
import { expectGlobalId } from '../graphql/global-id';
import { dateRange, distinct, partyIdsForCodes, searchPatterns } from '../graphql/list-filters';
import { commitmentStatusFilterSql, StatusParams } from '../follow-ups/follow-up-status.sql';
import type { CommitmentKind } from '../domain/commitment-kinds';
import type { SourceStance } from '../sources/source-citation.entity';
import type { CommitmentFilterInput } from './commitment-filter.input';

/** A CommitmentFilter checked and resolved to database ids, ready to become SQL. */
export interface CommitmentCriteria {
  statuses: Status[] | null;
  /** Obligors: partyCodes. */
  partyIds: string[] | null;
  /** Any role: involvingPartyCodes. */
  involvingPartyIds: string[] | null;
  kinds: CommitmentKind[] | null;
  sourceId: string | null;
  stances: SourceStance[] | null;
  engagementId: string | null;
  dueFrom: CalendarDate | null;
  dueTo: CalendarDate | null;
  searchPatterns: string[];
}

/**
 * Checks a CommitmentFilter: malformed ids, dates, ranges and unknown party codes are
 * BAD_USER_INPUT; a well-formed engagement id of nothing is NOT_FOUND (an id that names nothing is
 * a mistake worth telling, like an unknown party code, rather than an empty list).
 */
export async function commitmentCriteria(db: Queryable, filter: CommitmentFilterInput | null | undefined, path = 'filter.'): Promise<CommitmentCriteria> {
  const f = filter ?? {};
  const engagementId = f.engagementId == null ? null : expectGlobalId(f.engagementId, 'Engagement', `${path}engagementId`);
  const { from, to } = dateRange(f.dueAfter, f.dueBefore, path);
  const patterns = searchPatterns(f.search, `${path}search`);
  const sourceId = f.sourceId == null ? null : expectGlobalId(f.sourceId, 'Source', `${path}sourceId`);
  const partyIds = await partyIdsForCodes(db, f.partyCodes, `${path}partyCodes`);
  const involvingPartyIds = await partyIdsForCodes(db, f.involvingPartyCodes, `${path}involvingPartyCodes`);
  if (engagementId) {
    const found = await db.query(`SELECT 1 FROM engagement WHERE id = $1`, [engagementId]);
    if (!found.length) throw notFound('Engagement', f.engagementId!, `${path}engagementId`);
  }
  if (sourceId) {
    const found = await db.query(`SELECT 1 FROM source WHERE id = $1`, [sourceId]);
    if (!found.length) throw notFound('Source', f.sourceId!, `${path}sourceId`);
  }
  return {
    statuses: distinct(f.status), partyIds, involvingPartyIds, kinds: distinct(f.kinds), sourceId, stances: distinct(f.stances),
    engagementId, dueFrom: from, dueTo: to, searchPatterns: patterns,
  };
}

/**
 * The criteria as predicates on commitment `c`. `nextDue` is an expression for its earliest open
 * due date as of p.asOf (needed only for a status filter).
 */
export function commitmentCriteriaSql(c: string, criteria: CommitmentCriteria, params: unknown[], p: StatusParams, nextDue: string): string[] {
  const where: string[] = [];
  if (criteria.statuses) where.push(commitmentStatusFilterSql(c, nextDue, criteria.statuses, p));
  if (criteria.partyIds) {
    where.push(`EXISTS (SELECT 1 FROM commitment_party cp WHERE cp.commitment_id = ${c}.id AND cp.role = 'OBLIGOR' AND cp.party_id = ANY($${params.push(criteria.partyIds)}::bigint[]))`);
  }
  if (criteria.involvingPartyIds) {
    where.push(`EXISTS (SELECT 1 FROM commitment_party ip WHERE ip.commitment_id = ${c}.id AND ip.party_id = ANY($${params.push(criteria.involvingPartyIds)}::bigint[]))`);
  }
  if (criteria.kinds) where.push(`${p.commitmentKind(c)} = ANY($${params.push(criteria.kinds)}::text[])`);
  if (criteria.sourceId || criteria.stances) {
    const cited = [`sc.commitment_id = ${c}.id`];
    if (criteria.sourceId) cited.push(`sc.source_id = $${params.push(criteria.sourceId)}::bigint`);
    if (criteria.stances) cited.push(`sc.stance = ANY($${params.push(criteria.stances)}::text[])`);
    where.push(`EXISTS (SELECT 1 FROM ${p.citation} sc WHERE ${cited.join(' AND ')})`);
  }
  if (criteria.engagementId) where.push(`${c}.engagement_id = $${params.push(criteria.engagementId)}::bigint`);
  if (criteria.dueFrom || criteria.dueTo) {
    const range = [
      criteria.dueFrom ? `df.due_date >= $${params.push(criteria.dueFrom)}::date` : `df.due_date IS NOT NULL`,
      criteria.dueTo ? `df.due_date <= $${params.push(criteria.dueTo)}::date` : 'TRUE',
    ];
    where.push(`EXISTS (SELECT 1 FROM ${p.followUp} df WHERE df.commitment_id = ${c}.id AND ${range.join(' AND ')})`);
  }
  for (const pattern of criteria.searchPatterns) {
    const ph = `$${params.push(pattern)}`;
    where.push(`(${c}.title ILIKE ${ph} OR ${c}.description ILIKE ${ph})`);
  }
  return where;
}
