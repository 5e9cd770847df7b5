import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../domain/dates';
import type { ReportedState } from '../domain/status';
import { ProgressReportEntity } from './progress-report.entity';

export interface NewReport {
  followUpId: string;
  state: ReportedState;
  reportedOn: CalendarDate;
  note: string | null;
  sourceId: string | null;
  supersedesId: string | null;
  recordedBy: string;
  now: Date;
}

/** Reports are only ever inserted (a trigger refuses UPDATE and DELETE); ids give recording order. */
export async function insertReport(manager: EntityManager, r: NewReport): Promise<ProgressReportEntity> {
  const [{ id }] = await manager.query(
    `INSERT INTO progress_report (follow_up_id, state, reported_on, note, source_id, supersedes_id, recorded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [r.followUpId, r.state, r.reportedOn, r.note, r.sourceId, r.supersedesId, r.recordedBy, r.now],
  );
  return manager.getRepository(ProgressReportEntity).findOneByOrFail({ id });
}

/** The report that already corrects this one, if any. */
export async function correctionOf(manager: EntityManager, reportId: string): Promise<string | null> {
  const [row] = await manager.query(`SELECT id FROM progress_report WHERE supersedes_id = $1`, [reportId]);
  return row?.id ?? null;
}
