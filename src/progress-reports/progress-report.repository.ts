import type { Queryable } from '../db/queryable';
import { bindKnownRelations } from '../known-at/known-at.sql';
import type { ProgressReportEntity } from './progress-report.entity';

export type ProgressReportRow = ProgressReportEntity;

const COLUMNS = `r.id, r.follow_up_id AS "followUpId", r.state, r.reported_on AS "reportedOn", r.note, r.source_id AS "sourceId",
  r.supersedes_id AS "supersedesId", r.recorded_by AS "recordedBy", r.created_at AS "createdAt"`;

export function reportsByIds(db: Queryable, ids: readonly string[]): Promise<ProgressReportRow[]> {
  return db.query(`SELECT ${COLUMNS} FROM progress_report r WHERE r.id = ANY($1::bigint[])`, [ids]);
}

/**
 * Every report of many follow-ups, oldest first (reportedOn, then recording order), superseded
 * ones included; with knownAt, those recorded by then.
 */
export function reportsOfFollowUps(db: Queryable, followUpIds: readonly string[], knownAt: string | null = null): Promise<ProgressReportRow[]> {
  const params: unknown[] = [followUpIds];
  const known = bindKnownRelations(params, knownAt);
  return db.query(
    `SELECT ${COLUMNS} FROM ${known.report} r WHERE r.follow_up_id = ANY($1::bigint[]) ORDER BY r.follow_up_id, r.reported_on, r.id`,
    params,
  );
}

/** The reports that correct many reports (at most one each; with knownAt, recorded by then), in one statement. */
export function correctionsOfReports(db: Queryable, reportIds: readonly string[], knownAt: string | null = null): Promise<ProgressReportRow[]> {
  const params: unknown[] = [reportIds];
  const known = bindKnownRelations(params, knownAt);
  return db.query(`SELECT ${COLUMNS} FROM ${known.report} r WHERE r.supersedes_id = ANY($1::bigint[])`, params);
}
