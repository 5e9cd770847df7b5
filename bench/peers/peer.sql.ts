/**
 * Hand-written SQL for the benchmark's questions, shared by the two peers: the floor server runs
 * it directly (one statement per request, JSON built by Postgres), and PostGraphile gets it as
 * SQL functions (what a PostGraphile user would write, since status is derived, not a column).
 * Written from the API contract, independently of src/, so that the runner's cross-check of the
 * three servers' answers means something.
 *
 * `asOf` and `party` are SQL expressions (a placeholder such as `$1::date`, or a function argument).
 */

export const DUE_SOON_DAYS = 14;

/** Open as of asOf: no effective closing report dated on or before it (follow_up.first_closed_on caches the earliest). */
export function openSql(f: string, asOf: string): string {
  return `(${f}.first_closed_on IS NULL OR ${f}.first_closed_on > ${asOf})`;
}

/**
 * The state of follow-up `followUpId`'s latest effective closing report dated on or before asOf:
 * what a follow-up closed on or before asOf reports when a later closing report (which follow_up
 * caches) postdates asOf.
 */
export function closingStateAsOfSql(followUpId: string, asOf: string): string {
  return `(SELECT r.state FROM progress_report r
       WHERE r.follow_up_id = ${followUpId} AND r.state <> 'IN_PROGRESS' AND r.reported_on <= ${asOf}
         AND NOT EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)
       ORDER BY r.reported_on DESC, r.id DESC LIMIT 1)`;
}

/**
 * Follow-up `f`'s status as of asOf. A closed one takes its latest closing report's state, which
 * follow_up caches with its date (last_closed_on / last_closed_state); only an asOf before that
 * date reads the reports, through `closingState` (by default the subquery above, written in place;
 * the PostGraphile functions pass a call to a function of their own holding it, so that this CASE
 * has no subquery and Postgres can inline it into the caller's statement).
 */
export function followUpStatusSql(
  f: string,
  asOf: string,
  closingState: (followUpId: string, asOf: string) => string = closingStateAsOfSql,
): string {
  return `(CASE
    WHEN ${f}.last_closed_on <= ${asOf} THEN ${f}.last_closed_state
    WHEN ${f}.first_closed_on <= ${asOf} THEN ${closingState(`${f}.id`, asOf)}
    WHEN ${f}.due_date IS NULL THEN 'UNDATED'
    WHEN ${f}.due_date < ${asOf} THEN 'OVERDUE'
    WHEN ${f}.due_date <= ${asOf} + ${DUE_SOON_DAYS} THEN 'DUE_SOON'
    ELSE 'SCHEDULED' END)`;
}

/** Earliest due date among commitment `c`'s open dated follow-ups. */
export function nextDueSql(c: string, asOf: string): string {
  return `(SELECT min(n.due_date) FROM follow_up n WHERE n.commitment_id = ${c}.id AND n.due_date IS NOT NULL AND ${openSql('n', asOf)})`;
}

/** Commitment `c`'s status: the first open status among its follow-ups, else the best closed one. */
export function commitmentStatusSql(c: string, asOf: string): string {
  return `(SELECT CASE
      WHEN bool_or(s = 'OVERDUE') THEN 'OVERDUE' WHEN bool_or(s = 'DUE_SOON') THEN 'DUE_SOON'
      WHEN bool_or(s = 'SCHEDULED') THEN 'SCHEDULED' WHEN bool_or(s = 'UNDATED') OR count(*) = 0 THEN 'UNDATED'
      WHEN bool_or(s = 'DONE') THEN 'DONE' WHEN bool_or(s = 'MISSED') THEN 'MISSED' ELSE 'CANCELLED' END
    FROM (SELECT ${followUpStatusSql('sf', asOf)} AS s FROM follow_up sf WHERE sf.commitment_id = ${c}.id) x)`;
}

/**
 * Commitments OVERDUE as of asOf with their next due date, in list order (next due date, then id).
 * A commitment is overdue exactly when an open follow-up is past due, and its next due date is
 * then its earliest open follow-up's. So walk open past-due follow-ups in due-date order (the
 * follow_up_due_idx index) and keep each commitment's first: the anti-join is one index probe
 * per row walked, and a LIMIT stops the walk, so a page costs about its size, not the table's.
 * Columns: id, next_due. `after` (next due date, id expressions) starts the walk at a cursor.
 */
export function overdueSql(asOf: string, after: [string, string] | null = null): string {
  return `SELECT f.commitment_id AS id, f.due_date AS next_due
      FROM follow_up f
     WHERE f.due_date < ${asOf} AND ${openSql('f', asOf)}
       ${after ? `AND (f.due_date, f.commitment_id) > (${after[0]}, ${after[1]})` : ''}
       AND NOT EXISTS (SELECT 1 FROM follow_up g
                        WHERE g.commitment_id = f.commitment_id AND g.due_date IS NOT NULL AND ${openSql('g', asOf)}
                          AND (g.due_date < f.due_date OR (g.due_date = f.due_date AND g.id < f.id)))`;
}

/**
 * One page of the overdue list as a JSON array: each commitment with its parties, engagement,
 * cited sources and first 20 follow-ups (due date order, with status). `after` is a pair of SQL
 * expressions (next due date, id) or null for the first page.
 */
export function overduePageJsonSql(asOf: string, first: string, after: [string, string] | null): string {
  return `
    WITH page AS (
      SELECT o.id, o.next_due FROM (${overdueSql(asOf, after)}) o ORDER BY o.next_due, o.id LIMIT ${first})
    SELECT coalesce(json_agg(json_build_object(
        'id', c.id, 'title', c.title, 'status', 'OVERDUE', 'nextDueDate', p.next_due,
        'responsibleParties', (SELECT json_agg(json_build_object('code', pa.code, 'name', pa.name) ORDER BY pa.code)
                                 FROM commitment_party cp JOIN party pa ON pa.id = cp.party_id WHERE cp.commitment_id = c.id),
        'madeAt', (SELECT json_build_object('title', e.title, 'heldOn', e.held_on) FROM engagement e WHERE e.id = c.engagement_id),
        'sources', (SELECT json_agg(json_build_object('stance', sc.stance, 'title', s.title, 'url', s.url) ORDER BY s.id)
                      FROM source_citation sc JOIN source s ON s.id = sc.source_id WHERE sc.commitment_id = c.id),
        'followUps', (SELECT json_agg(json_build_object('dueDate', f.due_date, 'status', ${followUpStatusSql('f', asOf)})
                                      ORDER BY f.due_date NULLS LAST, f.id)
                        FROM (SELECT * FROM follow_up x WHERE x.commitment_id = c.id ORDER BY x.due_date NULLS LAST, x.id LIMIT 20) f)
      ) ORDER BY p.next_due, p.id), '[]'::json) AS page
      FROM page p JOIN commitment c ON c.id = p.id`;
}

export const STATUSES = ['UNDATED', 'SCHEDULED', 'DUE_SOON', 'OVERDUE', 'DONE', 'MISSED', 'CANCELLED'] as const;

/**
 * followThrough for one party as a JSON object {asOf, total, byStatus: [{status, count}], onTimeRate}.
 * One pass per commitment over its follow-ups (an index range on follow_up.commitment_id), which
 * yields its status and its due and done-on-time counts at once; only closed follow-ups whose
 * latest closing report postdates asOf read reports.
 */
export function followThroughJsonSql(asOf: string, party: string): string {
  return `
    WITH cs AS (
      SELECT cp.commitment_id FROM commitment_party cp WHERE cp.party_id = (SELECT pa.id FROM party pa WHERE pa.code = ${party})),
    cst AS (
      SELECT CASE
          WHEN a.overdue THEN 'OVERDUE' WHEN a.due_soon THEN 'DUE_SOON' WHEN a.scheduled THEN 'SCHEDULED'
          WHEN a.undated OR a.n = 0 THEN 'UNDATED' WHEN a.done THEN 'DONE' WHEN a.missed THEN 'MISSED' ELSE 'CANCELLED' END AS status,
        a.due, a.on_time
        FROM cs CROSS JOIN LATERAL (
          SELECT count(*) AS n, bool_or(x.s = 'OVERDUE') AS overdue, bool_or(x.s = 'DUE_SOON') AS due_soon,
                 bool_or(x.s = 'SCHEDULED') AS scheduled, bool_or(x.s = 'UNDATED') AS undated,
                 bool_or(x.s = 'DONE') AS done, bool_or(x.s = 'MISSED') AS missed,
                 -- Due: past its due date and not cancelled. On time: an effective DONE report on or
                 -- before the due date, whose earliest date follow_up caches.
                 count(*) FILTER (WHERE x.due_date < ${asOf} AND x.s <> 'CANCELLED') AS due,
                 count(*) FILTER (WHERE x.due_date < ${asOf} AND x.s <> 'CANCELLED' AND x.first_done_on <= x.due_date) AS on_time
            -- OFFSET 0 keeps the status a column of x, computed once per row, not once per aggregate.
            FROM (SELECT f.due_date, f.first_done_on, ${followUpStatusSql('f', asOf)} AS s
                    FROM follow_up f WHERE f.commitment_id = cs.commitment_id OFFSET 0) x) a),
    ontime AS (SELECT sum(due) AS due, sum(on_time) AS on_time FROM cst)
    SELECT json_build_object(
      'asOf', ${asOf},
      'total', (SELECT count(*) FROM cst),
      'byStatus', (SELECT json_agg(json_build_object('status', u.status, 'count', (SELECT count(*) FROM cst WHERE cst.status = u.status)) ORDER BY u.ord)
                     FROM unnest(ARRAY[${STATUSES.map((s) => `'${s}'`).join(', ')}]) WITH ORDINALITY AS u(status, ord)),
      'onTimeRate', (SELECT CASE WHEN due > 0 THEN on_time::float8 / due END FROM ontime)) AS result`;
}
