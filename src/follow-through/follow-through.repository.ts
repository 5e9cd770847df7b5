import type { CommitmentKind } from '../domain/commitment-kinds';
import type { CalendarDate } from '../domain/dates';
import type { FollowThroughTotals } from '../domain/follow-through';
import { STATUSES, Status } from '../domain/status';
import type { Queryable } from '../db/queryable';
import { isCorroboratedSql } from '../evidence/verification.sql';
import {
  bindStatusParams,
  closedFlagsSql,
  commitmentOpenAggregateColumnsSql,
  commitmentStatusFromAggregateSql,
  closedStateSql,
  doneLateSql,
  doneOnTimeSql,
  StatusParams,
  unreportedSql,
} from '../follow-ups/follow-up-status.sql';
import { CURRENT_RELATIONS } from '../known-at/known-at.sql';

export interface FollowThroughScope {
  /** A checked party code (checkPartyCodes); an unknown one matches nothing. Its commitments are those it is an OBLIGOR of. */
  partyCode: string | null;
  engagementId: string | null;
  /** Only commitments of these kinds; null for all. */
  kinds: CommitmentKind[] | null;
}

export interface FollowThroughNumbers extends FollowThroughTotals {
  total: number;
  byStatus: { status: Status; count: number }[];
}

export interface FollowThroughOptions {
  /**
   * Whether to count the corroborated on-time follow-ups: the one count that reads reports and
   * their evidence (for every follow-up done on time), so it is left out unless asked for; its
   * rate is then null.
   */
  corroborated: boolean;
  /** Count as known at this instant (ISO); null or absent: now. */
  knownAt?: string | null;
}

/** The ids of the scope's commitments, from commitment_party_obligor_idx when a party is given. */
function scopeSql(scope: FollowThroughScope, params: unknown[], p: StatusParams): string {
  const where = ['TRUE'];
  if (scope.partyCode) {
    where.push(`cp.role = 'OBLIGOR'`, `cp.party_id = (SELECT p.id FROM party p WHERE p.code = $${params.push(scope.partyCode)}::text)`);
  }
  if (scope.engagementId) where.push(`c.engagement_id = $${params.push(scope.engagementId)}::bigint`);
  if (scope.kinds) where.push(`${p.commitmentKind('c')} = ANY($${params.push(scope.kinds)}::text[])`);
  // A party's commitments come from commitment_party alone, unless the engagement, the kinds or
  // the commitments known at an instant narrow them.
  const joinsCommitment = scope.engagementId !== null || scope.kinds !== null || p.commitment !== CURRENT_RELATIONS.commitment;
  return scope.partyCode
    ? `SELECT cp.commitment_id AS id FROM commitment_party cp ${joinsCommitment ? `JOIN ${p.commitment} c ON c.id = cp.commitment_id` : ''} WHERE ${where.join(' AND ')}`
    : `SELECT c.id FROM ${p.commitment} c WHERE ${where.join(' AND ')}`;
}

/**
 * Commitments by status and the follow-up counts, as of a date, in one statement: one walk of each
 * scope commitment's entries in follow_up_commitment_due_closed_idx, which carries every fact
 * needed (due dates and the cached report facts), so a party costs its own commitments, not the
 * table, and no report is read unless asOf falls between a follow-up's first and latest closing
 * reports. The walk yields each commitment's status aggregate and its due, done-on-time,
 * done-late and unreported follow-up counts; reports are read only for commitments with nothing
 * open whose closing facts do not decide DONE / MISSED / CANCELLED (see closedStateSql), and
 * evidence only when corroboratedOnTimeRate is asked for, for the follow-ups done on time.
 */
export async function followThroughNumbers(
  db: Queryable,
  scope: FollowThroughScope,
  asOf: CalendarDate,
  dueSoonDays: number,
  { corroborated: withCorroborated, knownAt = null }: FollowThroughOptions,
): Promise<FollowThroughNumbers> {
  const params: unknown[] = [];
  const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
  // Due: past its due date and not CANCELLED as of asOf (an open follow-up has no closed state).
  const isDue = `f.due_date < ${p.asOf} AND (${closedStateSql('f', p)}) IS DISTINCT FROM 'CANCELLED'`;
  const corroborated = withCorroborated
    ? `EXISTS (SELECT 1 FROM ${p.report} cr
      WHERE cr.follow_up_id = f.id AND cr.state = 'DONE' AND cr.reported_on <= f.due_date
        AND NOT EXISTS (SELECT 1 FROM ${p.report} cs WHERE cs.supersedes_id = cr.id)
        AND ${isCorroboratedSql('cr.id', 'f.commitment_id', p)})`
    : 'FALSE';
  const sql = `
    WITH agg AS (
      SELECT s.id, a.* FROM (${scopeSql(scope, params, p)}) s
       CROSS JOIN LATERAL (
         SELECT ${commitmentOpenAggregateColumnsSql('f', p)},
                count(*) FILTER (WHERE ${isDue}) AS due,
                count(*) FILTER (WHERE ${isDue} AND ${doneOnTimeSql('f')}) AS on_time,
                count(*) FILTER (WHERE ${isDue} AND ${doneLateSql('f', p)}) AS late,
                count(*) FILTER (WHERE ${isDue} AND ${unreportedSql('f', p)}) AS unreported,
                count(*) FILTER (WHERE ${isDue} AND ${doneOnTimeSql('f')} AND ${corroborated}) AS corroborated
           FROM ${p.followUp} f WHERE f.commitment_id = s.id) a)
    SELECT ${commitmentStatusFromAggregateSql('agg', p, closedFlagsSql('agg.id', p))} AS status,
           count(*)::int AS count, sum(agg.due)::int AS due, sum(agg.on_time)::int AS on_time, sum(agg.late)::int AS late,
           sum(agg.unreported)::int AS unreported, sum(agg.corroborated)::int AS corroborated
      FROM agg GROUP BY 1`;

  type Row = { status: Status; count: number; due: number; on_time: number; late: number; unreported: number; corroborated: number };
  const rows: Row[] = await db.query(sql, params);
  const byStatus = STATUSES.map((status) => ({ status, count: rows.find((r) => r.status === status)?.count ?? 0 }));
  const sum = (key: keyof Omit<Row, 'status'>) => rows.reduce((total, r) => total + r[key], 0);
  const due = sum('due');
  return {
    total: byStatus.reduce((total, s) => total + s.count, 0),
    byStatus,
    dueFollowUps: due,
    doneOnTime: sum('on_time'),
    doneLate: sum('late'),
    unreported: sum('unreported'),
    onTimeRate: due ? sum('on_time') / due : null,
    corroboratedOnTimeRate: due && withCorroborated ? sum('corroborated') / due : null,
  };
}
