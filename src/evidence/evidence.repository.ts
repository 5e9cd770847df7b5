import type { DataSource } from 'typeorm';
import type { Verification } from '../domain/verification';
import type { SourceStance } from '../sources/source-citation.entity';
import { sourceColumns, SourceRow } from '../sources/source.repository';
import { bindKnownRelations } from '../known-at/known-at.sql';
import { reportVerificationSql } from './verification.sql';

export interface EvidenceRow {
  reportId: string;
  stance: SourceStance;
  note: string | null;
  recordedAt: Date;
  source: SourceRow;
}

/**
 * The evidence of many reports with its sources, in one statement, oldest first: a report's
 * evidence is almost always shown with its sources, as commitments' citations are.
 */
export async function evidenceOfReports(db: DataSource, reportIds: readonly string[], knownAt: string | null = null): Promise<EvidenceRow[]> {
  const params: unknown[] = [reportIds];
  const known = bindKnownRelations(params, knownAt);
  const rows: (SourceRow & Omit<EvidenceRow, 'source'>)[] = await db.query(
    `SELECT ev.progress_report_id AS "reportId", ev.stance, ev.note, ev.recorded_at AS "recordedAt", ${sourceColumns('s')}
       FROM ${known.evidence} ev JOIN source s ON s.id = ev.source_id
      WHERE ev.progress_report_id = ANY($1::bigint[])
      ORDER BY ev.progress_report_id, ev.id`,
    params,
  );
  return rows.map(({ reportId, stance, note, recordedAt, ...source }) => ({ reportId, stance, note, recordedAt, source }));
}

/** The verification of many reports (from the evidence recorded by knownAt; null: all), in one statement. */
export async function reportVerifications(db: DataSource, reportIds: readonly string[], knownAt: string | null = null): Promise<Map<string, Verification>> {
  const params: unknown[] = [reportIds];
  const known = bindKnownRelations(params, knownAt);
  const rows: { id: string; verification: Verification }[] = await db.query(
    `SELECT r.id, ${reportVerificationSql('r.id', 'f.commitment_id', known)} AS verification
       FROM progress_report r JOIN follow_up f ON f.id = r.follow_up_id
      WHERE r.id = ANY($1::bigint[])`,
    params,
  );
  return new Map(rows.map((r) => [r.id, r.verification]));
}
