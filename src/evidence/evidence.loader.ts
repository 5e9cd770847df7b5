import type { DataSource } from 'typeorm';
import { groupedByKey } from '../db/batch';
import { groupedLoader } from '../graphql/grouped-loader';
import type { Verification } from '../domain/verification';
import { EvidenceRow, evidenceOfReports, reportVerifications } from './evidence.repository';

export function createEvidenceLoaders(db: DataSource) {
  return {
    /** ProgressReport.evidence, keyed by report and knownAt (null: now). */
    evidenceByReport: groupedLoader<string | null, EvidenceRow[]>(async (knownAt, ids) => {
      const lists = groupedByKey(ids, await evidenceOfReports(db, ids, knownAt), (e) => e.reportId);
      return new Map(ids.map((id, i) => [id, lists[i]]));
    }, () => []),
    /** ProgressReport.verification, keyed by report and knownAt (null: now). */
    reportVerification: groupedLoader<string | null, Verification>((knownAt, ids) => reportVerifications(db, ids, knownAt), () => 'UNSOURCED'),
  };
}
