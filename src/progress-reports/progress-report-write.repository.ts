import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../domain/dates';
import type { ReportedState, ReportFact } from '../domain/status';
import type { AlongsideWrite } from '../events/event-log';
import { reportFactsFromJson, reportFactsJsonSql } from '../events/status-changes';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
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

/** What a report's write reads after locking its commitment, in one statement. */
export interface ReportWriteFacts {
  followUp: FollowUpEntity;
  /** The follow-up's reports so far, for its status before (and, with the new one, after) the write. */
  reports: ReportFact[];
  /** When the commitment's engagement was held, if known: a report cannot predate it. */
  engagementHeldOn: CalendarDate | null;
  /** false when a source was named and does not exist. */
  sourceFound: boolean;
  /** The report that already corrects `supersedesId`, if any. */
  correctedBy: string | null;
  /** The new report's id, drawn now so that its events can name it in the statement that inserts it. */
  newReportId: string;
}

export async function readReportWriteFacts(
  manager: EntityManager,
  followUpId: string,
  sourceId: string | null,
  supersedesId: string | null,
): Promise<ReportWriteFacts> {
  const [row] = await manager.query(
    `SELECT f.id, f.commitment_id AS "commitmentId", f.title, f.due_date AS "dueDate", f.occurrence,
            f.first_closed_on AS "firstClosedOn", f.created_at AS "createdAt", ${reportFactsJsonSql('f')} AS reports,
            (SELECT e.held_on FROM commitment c JOIN engagement e ON e.id = c.engagement_id WHERE c.id = f.commitment_id) AS "heldOn",
            ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM source WHERE id = $2::bigint)) AS "sourceFound",
            (SELECT s.id FROM progress_report s WHERE s.supersedes_id = $3::bigint) AS "correctedBy",
            nextval(pg_get_serial_sequence('progress_report', 'id'))::text AS "newReportId"
       FROM follow_up f WHERE f.id = $1`,
    [followUpId, sourceId, supersedesId],
  );
  const { reports, heldOn, sourceFound, correctedBy, newReportId, ...followUp } = row;
  return {
    followUp: Object.assign(new FollowUpEntity(), followUp),
    reports: reportFactsFromJson(reports),
    engagementHeldOn: heldOn,
    sourceFound,
    correctedBy,
    newReportId,
  };
}

/**
 * Reports are only ever inserted (a trigger refuses UPDATE and DELETE); ids give recording order.
 * The report's INSERT (with the id drawn by readReportWriteFacts) and, when it names a source, that
 * source as its first evidence (CONFIRMS), as CTEs to run in the statement that appends its events.
 */
export function reportInsertWrite(r: NewReport & { id: string }): AlongsideWrite {
  return {
    ctes: `new_report AS (
        INSERT INTO progress_report (id, follow_up_id, state, reported_on, note, source_id, supersedes_id, recorded_by, created_at)
        OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, source_id),
      first_evidence AS (
        INSERT INTO evidence (progress_report_id, source_id, stance, note, recorded_by, recorded_at)
        SELECT id, source_id, 'CONFIRMS', NULL, $8, $9 FROM new_report WHERE source_id IS NOT NULL)`,
    params: [r.id, r.followUpId, r.state, r.reportedOn, r.note, r.sourceId, r.supersedesId, r.recordedBy, r.now],
  };
}

/** The report as inserted by reportInsertWrite. */
export function insertedReport(r: NewReport & { id: string }): ProgressReportEntity {
  return Object.assign(new ProgressReportEntity(), {
    id: r.id, followUpId: r.followUpId, state: r.state, reportedOn: r.reportedOn, note: r.note, sourceId: r.sourceId,
    supersedesId: r.supersedesId, recordedBy: r.recordedBy, createdAt: r.now,
  });
}
