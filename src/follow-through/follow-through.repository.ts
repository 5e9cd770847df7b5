import type { CalendarDate } from '../domain/dates';
import { STATUSES, Status } from '../domain/status';
import type { Queryable } from '../db/queryable';
import {
  bindStatusParams,
  closedFlagsSql,
  commitmentOpenAggregateColumnsSql,
  commitmentStatusFromAggregateSql,
  followUpStatusSql,
} from '../follow-ups/follow-up-status.sql';

export interface FollowThroughScope {
  partyId: string | null;
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
function scopeSql(scope: FollowThroughScope, params: unknown[]): string {
  const where = ['TRUE'];
  if (scope.partyId) where.push(`cp.party_id = $${params.push(scope.partyId)}::bigint`);
  if (scope.engagementId) where.push(`c.engagement_id = $${params.push(scope.engagementId)}::bigint`);
  return scope.partyId
    ? `SELECT cp.commitment_id AS id FROM commitment_party cp ${scope.engagementId ? 'JOIN commitment c ON c.id = cp.commitment_id' : ''} WHERE ${where.join(' AND ')}`
    : `SELECT c.id FROM commitment c WHERE ${where.join(' AND ')}`;
}

/**
 * Commitments by status and the on-time rate, as of a date, in two statements. Statuses come from
 * each scope commitment's follow-ups, read from the follow_up_commitment_due_closed_idx index alone
 * (due dates and first_closed_on), so a party costs its own commitments, not the table; reports are read only for commitments with nothing open (to tell DONE
 * from MISSED from CANCELLED). The rate reads the reports of due follow-ups closed as of asOf.
 */
export async function followThroughNumbers(db: Queryable, scope: FollowThroughScope, asOf: CalendarDate, dueSoonDays: number): Promise<FollowThroughNumbers> {
  const sParams: unknown[] = [];
  const sp = bindStatusParams(sParams, asOf, dueSoonDays);
  const statusSql = `
    WITH agg AS (
      SELECT s.id, a.* FROM (${scopeSql(scope, sParams)}) s
       CROSS JOIN LATERAL (SELECT ${commitmentOpenAggregateColumnsSql('f', sp)} FROM follow_up f WHERE f.commitment_id = s.id) a)
    SELECT ${commitmentStatusFromAggregateSql('agg', sp, closedFlagsSql('agg.id', sp))} AS status, count(*)::int AS count FROM agg GROUP BY 1`;

  const rParams: unknown[] = [];
  const rp = bindStatusParams(rParams, asOf, dueSoonDays);
  // An effective DONE report on or before the due date makes first_closed_on no later: test that first.
  const rateSql = `
    SELECT count(*)::int AS due,
           count(*) FILTER (WHERE f.first_closed_on <= f.due_date AND EXISTS (
             SELECT 1 FROM progress_report r
              WHERE r.follow_up_id = f.id AND r.state = 'DONE' AND r.reported_on <= f.due_date
                AND NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)))::int AS on_time
      FROM follow_up f
     WHERE f.commitment_id IN (${scopeSql(scope, rParams)})
       AND f.due_date < ${rp.asOf} AND ${followUpStatusSql('f', rp)} <> 'CANCELLED'`;

  const [counts, [rate]]: [{ status: Status; count: number }[], { due: number; on_time: number }[]] = await Promise.all([
    db.query(statusSql, sParams),
    db.query(rateSql, rParams),
  ]);
  const byStatus = STATUSES.map((status) => ({ status, count: counts.find((c) => c.status === status)?.count ?? 0 }));
  return {
    total: byStatus.reduce((sum, s) => sum + s.count, 0),
    byStatus,
    dueFollowUps: rate.due,
    doneOnTime: rate.on_time,
    onTimeRate: rate.due ? rate.on_time / rate.due : null,
  };
}
