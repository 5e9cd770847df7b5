import DataLoader from 'dataloader';
import { byKey, groupedByKey } from '../db/batch';
import type { Queryable } from '../db/queryable';
import { groupedLoader } from '../graphql/grouped-loader';
import { correctionsOfReports, ProgressReportRow, reportsByIds, reportsOfFollowUps } from './progress-report.repository';

export function createProgressReportLoaders(db: Queryable) {
  return {
    reportById: new DataLoader<string, ProgressReportRow | null>(async (ids) => byKey(ids, await reportsByIds(db, ids), (r) => r.id)),
    /** ProgressReport.correctedBy: the report superseding each, if any (recorded by knownAt; null: now). */
    correctionByReport: groupedLoader<string | null, ProgressReportRow | null>(
      async (knownAt, ids) => new Map((await correctionsOfReports(db, ids, knownAt)).map((r) => [r.supersedesId!, r])),
      () => null,
    ),
    /** FollowUp.reports, keyed by follow-up and knownAt (null: now). */
    reportsByFollowUp: groupedLoader<string | null, ProgressReportRow[]>(async (knownAt, ids) => {
      const lists = groupedByKey(ids, await reportsOfFollowUps(db, ids, knownAt), (r) => r.followUpId);
      return new Map(ids.map((id, i) => [id, lists[i]]));
    }, () => []),
  };
}
