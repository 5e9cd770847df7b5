import type { Queryable } from '../../src/db/queryable';

/**
 * What must hold of the data after any sequence of writes, however they ended (refused, rolled
 * back, cut off by a crash): a write is one transaction, so it is either all there or not at all.
 *
 * - every commitment has exactly one CREATED event, at least one OBLIGOR, and a version equal to its
 *   number of CREATED, UPDATED, PROGRESS_REPORTED, REPORT_CORRECTED and EVIDENCE_ADDED events
 *   (each accepted write bumps it once);
 * - every commitment created through the API holds the follow-ups its CREATED event counted, plus
 *   one per follow-up added since (a recurring one may have more: the scheduler extends it);
 * - every progress report has its PROGRESS_REPORTED (or, for a correction, REPORT_CORRECTED)
 *   event, and no event claims a report that is not there;
 * - no report without its follow-up, no citation without its commitment.
 *
 * Returns the rows that break each rule, by rule; `{}` when all hold.
 */
export async function invariantViolations(db: Queryable): Promise<Record<string, unknown[]>> {
  const checks: Record<string, string> = {
    'version = CREATED + UPDATED + PROGRESS_REPORTED + REPORT_CORRECTED + EVIDENCE_ADDED events, one CREATED, an obligor': `
      SELECT * FROM (
        SELECT c.id, c.version,
               (SELECT count(*) FROM commitment_event e WHERE e.commitment_id = c.id AND e.kind IN ('CREATED', 'UPDATED', 'PROGRESS_REPORTED', 'REPORT_CORRECTED', 'EVIDENCE_ADDED'))::int AS writes,
               (SELECT count(*) FROM commitment_event e WHERE e.commitment_id = c.id AND e.kind = 'CREATED')::int AS created,
               (SELECT count(*) FROM commitment_party p WHERE p.commitment_id = c.id AND p.role = 'OBLIGOR')::int AS parties
          FROM commitment c) t
       WHERE version <> writes OR created <> 1 OR parties < 1`,
    'follow-ups = those counted at creation + those added': `
      SELECT * FROM (
        SELECT c.id, c.recurrence IS NOT NULL AS recurring,
               (e.details->>'followUps')::int
                 + (SELECT count(*) FROM commitment_event u WHERE u.commitment_id = c.id AND u.kind = 'UPDATED' AND u.details ? 'followUpAdded')::int AS expected,
               (SELECT count(*) FROM follow_up f WHERE f.commitment_id = c.id)::int AS actual
          FROM commitment c JOIN commitment_event e ON e.commitment_id = c.id AND e.kind = 'CREATED'
         WHERE e.details ? 'followUps') t
       WHERE actual < expected OR (NOT recurring AND actual <> expected)`,
    'every report has its PROGRESS_REPORTED or REPORT_CORRECTED event and each such event its report': `
      SELECT * FROM (
        SELECT c.id,
               (SELECT count(*) FROM progress_report r JOIN follow_up f ON f.id = r.follow_up_id WHERE f.commitment_id = c.id)::int AS reports,
               (SELECT count(*) FROM commitment_event e WHERE e.commitment_id = c.id AND e.kind IN ('PROGRESS_REPORTED', 'REPORT_CORRECTED'))::int AS reported
          FROM commitment c) t
       WHERE reports <> reported`,
    'no orphaned report or citation': `
      SELECT 'progress_report' AS "table", r.id FROM progress_report r WHERE NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.id = r.follow_up_id)
      UNION ALL
      SELECT 'source_citation', s.source_id FROM source_citation s WHERE NOT EXISTS (SELECT 1 FROM commitment c WHERE c.id = s.commitment_id)`,
  };
  const violations: Record<string, unknown[]> = {};
  for (const [rule, sql] of Object.entries(checks)) {
    const rows: unknown[] = await db.query(sql);
    if (rows.length) violations[rule] = rows;
  }
  return violations;
}
