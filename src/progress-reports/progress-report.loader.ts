import DataLoader from 'dataloader';
import { byKey, groupedByKey } from '../db/batch';
import type { Queryable } from '../db/queryable';
import { correctionsOfReports, ProgressReportRow, reportsByIds, reportsOfFollowUps } from './progress-report.repository';

export function createProgressReportLoaders(db: Queryable) {
  return {
    reportById: new DataLoader<string, ProgressReportRow | null>(async (ids) => byKey(ids, await reportsByIds(db, ids), (r) => r.id)),
    /** ProgressReport.correctedBy: the report superseding each, if any. */
    correctionByReport: new DataLoader<string, ProgressReportRow | null>(async (ids) => byKey(ids, await correctionsOfReports(db, ids), (r) => r.supersedesId!)),
    reportsByFollowUp: new DataLoader<string, ProgressReportRow[]>(async (ids) =>
      groupedByKey(ids, await reportsOfFollowUps(db, ids), (r) => r.followUpId),
    ),
  };
}
