import { CURRENT_RELATIONS, KnownRelations } from '../known-at/known-at.sql';

/**
 * The SQL form of the verification rules (the pure form is src/domain/verification.ts; the two
 * are proven to agree by test/verification-agreement.test.ts). Each piece of evidence is one probe
 * of evidence_report_idx; whether a source is independent of the obligors is one probe of
 * commitment_party's primary key.
 */

/** True when report `reportId` has evidence with `stance`, and `where` (about source `es`) holds of it. */
function hasEvidenceSql(reportId: string, stance: string, evidence: string, where?: string): string {
  return `EXISTS (SELECT 1 FROM ${evidence} ev ${where ? 'JOIN source es ON es.id = ev.source_id' : ''}
      WHERE ev.progress_report_id = ${reportId} AND ev.stance = '${stance}'${where ? ` AND ${where}` : ''})`;
}

/** True when source `es` does not speak for an OBLIGOR of commitment `commitmentId`. */
function independentOfObligorsSql(commitmentId: string): string {
  return `(es.affiliation_party_id IS NULL OR NOT EXISTS (SELECT 1 FROM commitment_party vp
      WHERE vp.commitment_id = ${commitmentId} AND vp.party_id = es.affiliation_party_id AND vp.role = 'OBLIGOR'))`;
}

/**
 * True when report `reportId`'s verification is CORROBORATED: the same rule as
 * reportVerificationSql's, as a predicate, testing the rarer condition (an independent
 * confirmation) first.
 */
export function isCorroboratedSql(reportId: string, commitmentId: string, relations: Pick<KnownRelations, 'evidence'> = CURRENT_RELATIONS): string {
  const ev = relations.evidence;
  return `(${hasEvidenceSql(reportId, 'CONFIRMS', ev, independentOfObligorsSql(commitmentId))} AND NOT ${hasEvidenceSql(reportId, 'CONTRADICTS', ev)})`;
}

/**
 * The verification of report `reportId` (an expression), a report of commitment `commitmentId`:
 * a text expression with one of UNSOURCED, CLAIMED, CORROBORATED, DISPUTED. From the evidence in
 * `relations` (all of it, or what was recorded by a knownAt: see src/known-at/known-at.sql.ts).
 */
export function reportVerificationSql(reportId: string, commitmentId: string, relations: Pick<KnownRelations, 'evidence'> = CURRENT_RELATIONS): string {
  const ev = relations.evidence;
  return `(CASE WHEN ${hasEvidenceSql(reportId, 'CONTRADICTS', ev)} THEN 'DISPUTED'
      WHEN ${hasEvidenceSql(reportId, 'CONFIRMS', ev, independentOfObligorsSql(commitmentId))} THEN 'CORROBORATED'
      WHEN ${hasEvidenceSql(reportId, 'CONFIRMS', ev)} THEN 'CLAIMED'
      ELSE 'UNSOURCED' END)`;
}
