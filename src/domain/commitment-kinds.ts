/**
 * Kinds of commitment and the roles parties play in one, as the API contract defines them.
 * Whatever the kind, the OBLIGORs are the parties that would act: those that promised, were
 * asked, or were invited.
 */
export const COMMITMENT_KINDS = ['AGREEMENT', 'PLEDGE', 'REQUEST', 'INVITATION'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

export const PARTY_ROLES = ['OBLIGOR', 'BENEFICIARY', 'HOST'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** The kind a new commitment gets when none is given: one obligor pledged it, several agreed it. */
export function defaultKind(obligorCount: number): CommitmentKind {
  return obligorCount > 1 ? 'AGREEMENT' : 'PLEDGE';
}

