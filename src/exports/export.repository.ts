import type { DataSource } from 'typeorm';
import type { CalendarDate } from '../domain/dates';
import { bindStatusParams, completedOnSql, followUpStatusSql } from '../follow-ups/follow-up-status.sql';
import type { FollowUpExportRow } from './export-row';

/**
 * Every follow-up with its commitment, responsible parties (OBLIGORs), engagement and cited sources, in one statement;
 * status as of `asOf` computed by Postgres with the same SQL the API uses. Ordered by due date
 * (undated last), then id, like Query.followUps. With `commitmentId`, only that commitment's.
 */
export function followUpExportRows(db: DataSource, asOf: CalendarDate, dueSoonDays: number, commitmentId?: string): Promise<FollowUpExportRow[]> {
  const params: unknown[] = [];
  const p = bindStatusParams(params, asOf, dueSoonDays);
  // One commitment's rows, for the link on its page; all of them otherwise.
  const only = commitmentId === undefined ? '' : `WHERE c.id = $${params.push(commitmentId)}`;
  return db.query(
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
      ORDER BY f.due_date NULLS LAST, f.id`,
    params,
  );
}
