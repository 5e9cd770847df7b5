import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedByKey } from '../db/batch';
import type { Verification } from '../domain/verification';
import { EvidenceRow, evidenceOfReports, reportVerifications } from './evidence.repository';

export function createEvidenceLoaders(db: DataSource) {
  return {
    evidenceByReport: new DataLoader<string, EvidenceRow[]>(async (ids) => groupedByKey(ids, await evidenceOfReports(db, ids), (e) => e.reportId)),
    reportVerification: new DataLoader<string, Verification>(async (ids) => {
      const found = await reportVerifications(db, ids);
      return ids.map((id) => found.get(id) ?? 'UNSOURCED');
    }),
  };
}
