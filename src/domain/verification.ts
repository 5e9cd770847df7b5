/**
 * The pure form of the verification rules in the API contract (the comment on `enum
 * Verification`). The SQL form is src/evidence/verification.sql.ts; test/verification-agreement.test.ts
 * proves the two agree on random evidence sets.
 */
export const VERIFICATIONS = ['UNSOURCED', 'CLAIMED', 'CORROBORATED', 'DISPUTED'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

export const STANCES = ['CONFIRMS', 'OMITS', 'CONTRADICTS'] as const;
export type Stance = (typeof STANCES)[number];

export interface EvidenceFact {
  stance: Stance;
  /** The party the evidence's source speaks for; null for an independent source. */
  affiliationPartyId: string | null;
}

/**
 * Who backs a report, from its evidence and the commitment's obligors:
 *   DISPUTED      some evidence CONTRADICTS it
 *   CORROBORATED  none contradicts, and some CONFIRMS evidence comes from a source not affiliated
 *                 with an obligor (an unaffiliated source counts as independent)
 *   CLAIMED       none contradicts, some CONFIRMS, all of it from sources affiliated with an obligor
 *   UNSOURCED     no CONFIRMS and no CONTRADICTS evidence (OMITS alone backs nothing)
 */
export function verification(evidence: readonly EvidenceFact[], obligorPartyIds: ReadonlySet<string>): Verification {
  if (evidence.some((e) => e.stance === 'CONTRADICTS')) return 'DISPUTED';
  const confirms = evidence.filter((e) => e.stance === 'CONFIRMS');
  if (!confirms.length) return 'UNSOURCED';
  return confirms.some((e) => e.affiliationPartyId === null || !obligorPartyIds.has(e.affiliationPartyId)) ? 'CORROBORATED' : 'CLAIMED';
}
