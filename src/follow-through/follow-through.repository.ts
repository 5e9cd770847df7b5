import type { CalendarDate } from '../domain/dates';
import { STATUSES, Status } from '../domain/status';
import type { Queryable } from '../db/queryable';
import {
  bindStatusParams,
  closedFlagsSql,
  commitmentOpenAggregateColumnsSql,
  commitmentStatusFromAggregateSql,
  closedStateSql,
  doneOnTimeSql,
  StatusParams,
} from '../follow-ups/follow-up-status.sql';
import { CURRENT_RELATIONS } from '../known-at/known-at.sql';

export interface FollowThroughScope {
  /** A checked party code (checkPartyCodes); an unknown one matches nothing. */
  partyCode: string | null;
  engagementId: string | null;
}

export interface FollowThroughNumbers {
  total: number;
  byStatus: { status: Status; count: number }[];
  dueFollowUps: number;
  doneOnTime: number;
  onTimeRate: number | null;
}

/** The ids of the scope's commitments, from commitment_party_party_idx when a party is given. */
function scopeSql(scope: FollowThroughScope, params: unknown[], p: StatusParams): string {
  const where = ['TRUE'];
  if (scope.partyCode) where.push(`cp.party_id = (SELECT p.id FROM party p WHERE p.code = $${params.push(scope.partyCode)}::text)`);
  if (scope.engagementId) where.push(`c.engagement_id = $${params.push(scope.engagementId)}::bigint`);
  // A party's commitments come from commitment_party alone, unless the engagement or the
  // commitments known at an instant narrow them.
  const joinsCommitment = scope.engagementId !== null || p.commitment !== CURRENT_RELATIONS.commitment;
  return scope.partyCode
    ? `SELECT cp.commitment_id AS id FROM commitment_party cp ${joinsCommitment ? `JOIN ${p.commitment} c ON c.id = cp.commitment_id` : ''} WHERE ${where.join(' AND ')}`
    : `SELECT c.id FROM ${p.commitment} c WHERE ${where.join(' AND ')}`;
}

/**
 * Commitments by status and the on-time rate, as of a date, in one statement: one walk of each
 * scope commitment's entries in follow_up_commitment_due_closed_idx, which carries every fact
 * needed (due dates and the cached closing facts), so a party costs its own commitments, not the
 * table, and no report is read unless asOf falls between a follow-up's first and latest closing
 * reports. The walk yields each commitment's status aggregate and its due and done-on-time
 * follow-up counts; reports are read only for commitments with nothing open whose closing facts
 * do not decide DONE / MISSED / CANCELLED (see closedStateSql).
 */
export async function followThroughNumbers(
  db: Queryable, scope: FollowThroughScope, asOf: CalendarDate, dueSoonDays: number, knownAt: string | null = null,
): Promise<FollowThroughNumbers> {
  const params: unknown[] = [];
  const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
  // Due: past its due date and not CANCELLED as of asOf (an open follow-up has no closed state).
  const isDue = `f.due_date < ${p.asOf} AND (${closedStateSql('f', p)}) IS DISTINCT FROM 'CANCELLED'`;
  const sql = `
    WITH agg AS (
      SELECT s.id, a.* FROM (${scopeSql(scope, params, p)}) s
       CROSS JOIN LATERAL (
         SELECT ${commitmentOpenAggregateColumnsSql('f', p)},
                count(*) FILTER (WHERE ${isDue}) AS due,
                count(*) FILTER (WHERE ${isDue} AND ${doneOnTimeSql('f')}) AS on_time
           FROM ${p.followUp} f WHERE f.commitment_id = s.id) a)
    SELECT ${commitmentStatusFromAggregateSql('agg', p, closedFlagsSql('agg.id', p))} AS status,
           count(*)::int AS count, sum(agg.due)::int AS due, sum(agg.on_time)::int AS on_time
      FROM agg GROUP BY 1`;

  const rows: { status: Status; count: number; due: number; on_time: number }[] = await db.query(sql, params);
  const byStatus = STATUSES.map((status) => ({ status, count: rows.find((r) => r.status === status)?.count ?? 0 }));
  const due = rows.reduce((sum, r) => sum + r.due, 0);
  const onTime = rows.reduce((sum, r) => sum + r.on_time, 0);
  return {
    total: byStatus.reduce((sum, s) => sum + s.count, 0),
    byStatus,
    dueFollowUps: due,
    doneOnTime: onTime,
    onTimeRate: due ? onTime / due : null,
  };
}
