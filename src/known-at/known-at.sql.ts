/**
 * The tables as the tracker knew them at an instant K (knownAt), as table expressions that stand
 * in for the tables themselves: a query written over `follow_up f` asks the same question of the
 * past when it reads `${relations.followUp} f` instead. Without knownAt the relations are the
 * tables' own names, so today's statements (and their plans) are exactly what they were.
 *
 * What "known at K" means, row by row:
 * - commitments, follow-ups, reports and citations: recorded (created_at) at or before K;
 *   evidence: recorded (recorded_at) at or before K;
 * - a report counts as corrected only by a correction recorded at or before K;
 * - a commitment's kind: the one it had at K, from the first KIND_CHANGED event after K (its
 *   details' before), else the current one;
 * - a follow-up's due date: the one recorded at K, i.e. due_date_before of the first move
 *   recorded after K (follow_up_due_date_change), else the current one;
 * - a follow-up's closing facts (first_closed_on and the rest, which a trigger caches for the
 *   present only) are recomputed from the reports known at K, with the trigger's own definitions,
 *   so every status expression in follow-up-status.sql.ts keeps its meaning.
 *
 * Each expression is a plain subquery Postgres pulls up into the statement around it, so a
 * predicate such as `f.commitment_id = c.id` still reaches follow_up's indexes.
 */
export interface KnownRelations {
  followUp: string;
  report: string;
  commitment: string;
  citation: string;
  evidence: string;
  /** Commitment `c`'s kind: its column, or the kind it had at K (before the first KIND_CHANGED event after K). */
  commitmentKind(c: string): string;
}

/** The present: the tables themselves. */
export const CURRENT_RELATIONS: KnownRelations = {
  followUp: 'follow_up',
  report: 'progress_report',
  commitment: 'commitment',
  citation: 'source_citation',
  evidence: 'evidence',
  commitmentKind: (c) => `${c}.kind`,
};

/** Reports recorded at or before `k` (a timestamptz SQL expression). */
export function knownReportsSql(k: string): string {
  return `(SELECT * FROM progress_report WHERE created_at <= ${k})`;
}

/** Whether report `r` was corrected by a report recorded at or before `k`. */
export function correctedByKnownSql(r: string, k: string): string {
  return `EXISTS (SELECT 1 FROM progress_report ks WHERE ks.supersedes_id = ${r}.id AND ks.created_at <= ${k})`;
}

/** follow_up's columns, with the due date and closing facts as known at `k`. */
export function knownFollowUpsSql(k: string): string {
  return `(SELECT kf.id, kf.commitment_id, kf.title, kf.occurrence, kf.created_at,
         CASE WHEN kd.moved THEN kd.due_date_before ELSE kf.due_date END AS due_date,
         kc.first_closed_on, kc.last_closed_on, kc.last_closed_state, kc.first_done_on, kc.first_reported_on
    FROM follow_up kf
    LEFT JOIN LATERAL (SELECT true AS moved, ch.due_date_before FROM follow_up_due_date_change ch
         WHERE ch.follow_up_id = kf.id AND ch.recorded_at > ${k} ORDER BY ch.recorded_at, ch.id LIMIT 1) kd ON true
    CROSS JOIN LATERAL (SELECT min(kr.reported_on) FILTER (WHERE kr.state <> 'IN_PROGRESS') AS first_closed_on,
         max(kr.reported_on) FILTER (WHERE kr.state <> 'IN_PROGRESS') AS last_closed_on,
         (array_agg(kr.state ORDER BY kr.reported_on DESC, kr.id DESC) FILTER (WHERE kr.state <> 'IN_PROGRESS'))[1] AS last_closed_state,
         min(kr.reported_on) FILTER (WHERE kr.state = 'DONE') AS first_done_on,
         min(kr.reported_on) AS first_reported_on
         FROM progress_report kr
        WHERE kr.follow_up_id = kf.id AND kr.created_at <= ${k} AND NOT ${correctedByKnownSql('kr', k)}) kc
   WHERE kf.created_at <= ${k})`;
}

export function relationsKnownAt(k: string): KnownRelations {
  return {
    followUp: knownFollowUpsSql(k),
    report: knownReportsSql(k),
    commitment: `(SELECT * FROM commitment WHERE created_at <= ${k})`,
    citation: `(SELECT * FROM source_citation WHERE created_at <= ${k})`,
    evidence: `(SELECT * FROM evidence WHERE recorded_at <= ${k})`,
    commitmentKind: (c) => `coalesce((SELECT kk.details->>'before' FROM commitment_event kk
        WHERE kk.commitment_id = ${c}.id AND kk.kind = 'KIND_CHANGED' AND kk.occurred_at > ${k} ORDER BY kk.id LIMIT 1), ${c}.kind)`,
  };
}

/**
 * Placeholders for the relations known at `knownAt` (an ISO instant), bound into `params` only
 * when first used; with no knownAt, the tables themselves and nothing bound.
 */
export function bindKnownRelations(params: unknown[], knownAt: string | null): KnownRelations {
  if (knownAt === null) return CURRENT_RELATIONS;
  let placeholder: string | undefined;
  const k = () => (placeholder ??= `$${params.push(knownAt)}::timestamptz`);
  return {
    get followUp() { return relationsKnownAt(k()).followUp; },
    get report() { return relationsKnownAt(k()).report; },
    get commitment() { return relationsKnownAt(k()).commitment; },
    get citation() { return relationsKnownAt(k()).citation; },
    get evidence() { return relationsKnownAt(k()).evidence; },
    commitmentKind: (c) => relationsKnownAt(k()).commitmentKind(c),
  };
}
