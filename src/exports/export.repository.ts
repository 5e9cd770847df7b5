import type { DataSource, QueryRunner } from 'typeorm';
import type { CalendarDate } from '../domain/dates';
import { bindStatusParams, completedOnSql, followUpStatusSql } from '../follow-ups/follow-up-status.sql';
import type { FollowUpExportRow } from './export-row';

/** Rows fetched from the cursor per round trip: a few hundred KB of text at most. */
export const EXPORT_BATCH = 500;

export interface ExportReadOptions {
  asOf: CalendarDate;
  dueSoonDays: number;
  /** Per statement (each FETCH); an export is many short statements, not one long one. */
  statementTimeoutMs: number;
  /** Only this commitment's rows (the link on its page); all of them when unset. */
  commitmentId?: string;
}

/**
 * Every follow-up with its commitment, responsible parties (OBLIGORs), engagement and cited sources, status as of `asOf`
 * computed by Postgres with the same SQL the API uses, handed to `onBatch` EXPORT_BATCH rows at a
 * time from a server-side cursor. One read-only snapshot (REPEATABLE READ) covers the whole
 * export, so it is consistent however long the client takes; the next batch is fetched only once
 * `onBatch` resolves (the client took the last one), so memory holds one batch, whatever the size
 * of the table. Ordered by due date (undated last), then id, like Query.followUps, which the
 * (due_date, id) index yields in order: each FETCH does the work of its own rows only.
 */
export async function forEachFollowUpExportBatch(
  db: DataSource,
  o: ExportReadOptions,
  onBatch: (rows: FollowUpExportRow[]) => Promise<void>,
): Promise<void> {
  const runner: QueryRunner = db.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await runner.query(`SET LOCAL statement_timeout = ${Math.trunc(o.statementTimeoutMs)}`);
    const { sql, params } = followUpExportQuery(o);
    await runner.query(`DECLARE follow_up_export NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const rows: FollowUpExportRow[] = await runner.query(`FETCH ${EXPORT_BATCH} FROM follow_up_export`);
      if (rows.length) await onBatch(rows);
      if (rows.length < EXPORT_BATCH) break;
    }
    await runner.query('COMMIT');
  } catch (err) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await runner.release();
  }
}

function followUpExportQuery({ asOf, dueSoonDays, commitmentId }: ExportReadOptions): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = bindStatusParams(params, asOf, dueSoonDays);
  const only = commitmentId === undefined ? '' : `WHERE c.id = $${params.push(commitmentId)}`;
  const sql =
    `SELECT f.id::text AS "followUpId",
            c.id::text AS "commitmentId",
            c.title AS "commitmentTitle",
            c.version AS "commitmentVersion",
            c.updated_at AS "commitmentUpdatedAt",
            f.title AS "followUpTitle",
            f.due_date AS "dueDate",
            st.status,
            CASE WHEN st.status = 'OVERDUE' THEN ${p.asOf} - f.due_date END AS "daysOverdue",
            ${completedOnSql('f', p)} AS "completedOn",
            coalesce((SELECT json_agg(json_build_object('code', pa.code, 'name', pa.name) ORDER BY pa.code)
                        FROM commitment_party cp JOIN party pa ON pa.id = cp.party_id
                       WHERE cp.commitment_id = c.id AND cp.role = 'OBLIGOR'), '[]'::json) AS parties,
            e.title AS "engagementTitle",
            coalesce((SELECT json_agg(json_build_object('title', s.title, 'outlet', s.outlet, 'url', s.url, 'stance', sc.stance)
                                      ORDER BY array_position(ARRAY['CONFIRMS','CONTRADICTS','OMITS'], sc.stance), s.id)
                        FROM source_citation sc JOIN source s ON s.id = sc.source_id
                       WHERE sc.commitment_id = c.id), '[]'::json) AS sources
       FROM follow_up f
       JOIN commitment c ON c.id = f.commitment_id
       LEFT JOIN engagement e ON e.id = c.engagement_id
       CROSS JOIN LATERAL (SELECT ${followUpStatusSql('f', p)} AS status) st
      ${only}
      ORDER BY f.due_date NULLS LAST, f.id`;
  return { sql, params };
}
