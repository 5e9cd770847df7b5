import type { EntityManager } from 'typeorm';
import type { SourceStance } from '../sources/source-citation.entity';

export interface NewEvidence {
  reportId: string;
  sourceId: string;
  stance: SourceStance;
  note: string | null;
  recordedBy: string;
  now: Date;
}

/** Evidence is only ever inserted (a trigger refuses UPDATE and DELETE); ids give recording order. */
export async function insertEvidence(manager: EntityManager, e: NewEvidence): Promise<void> {
  await manager.query(
    `INSERT INTO evidence (progress_report_id, source_id, stance, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [e.reportId, e.sourceId, e.stance, e.note, e.recordedBy, e.now],
  );
}
