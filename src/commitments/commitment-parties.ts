import { COMMITMENT_KINDS, CommitmentKind, PARTY_ROLES, PartyRole } from '../domain/commitment-kinds';
import type { Queryable } from '../db/queryable';
import { badInput } from '../graphql/errors';
import { LIMITS } from '../graphql/validate';
import type { PartyEntity } from '../parties/party.entity';
import type { CommitmentPartyInput } from './commitment.input';

export interface CheckedParty {
  party: PartyEntity;
  role: PartyRole;
}

const PARTY_CODE = /^[A-Z]{2}$/;
const normalizeCode = (code: unknown) => (typeof code === 'string' ? code.trim().toUpperCase() : '');

/** A kind given by the caller, checked; undefined when not given. */
export function checkKind(kind: CommitmentKind | null | undefined, field: string): CommitmentKind | undefined {
  if (kind == null) return undefined;
  if (!COMMITMENT_KINDS.includes(kind)) throw badInput(field, `must be one of ${COMMITMENT_KINDS.join(', ')}`);
  return kind;
}

/** What a commitment of `kind` needs as its obligor, for the error that says it is missing. */
function obligorHint(kind: CommitmentKind | undefined): string {
  if (kind === 'REQUEST') return 'a REQUEST needs the party that was asked as its OBLIGOR, e.g. ["CN"]';
  if (kind === 'INVITATION') return 'an INVITATION needs the party that was invited as its OBLIGOR, e.g. ["PK"]';
  return 'name at least one responsible party (OBLIGOR), e.g. ["PK"]';
}

/**
 * A commitment's parties from createCommitment's input: partyCodes are the OBLIGORs, otherParties
 * the BENEFICIARYs and HOSTs. Every party appears once: a code listed twice, an OBLIGOR among
 * otherParties, a malformed or unknown code are BAD_USER_INPUT naming the field at fault.
 */
export async function checkCommitmentParties(
  db: Queryable,
  partyCodes: readonly string[] | null | undefined,
  otherParties: readonly CommitmentPartyInput[] | null | undefined,
  kind: CommitmentKind | undefined,
): Promise<CheckedParty[]> {
  if (!partyCodes || partyCodes.length === 0) throw badInput('input.partyCodes', obligorHint(kind));
  const others = otherParties ?? [];
  if (partyCodes.length + others.length > LIMITS.listItems) throw badInput('input.partyCodes', `a commitment may name at most ${LIMITS.listItems} parties`);

  const wanted: { code: string; role: PartyRole; field: string }[] = [];
  const listed = (code: string) => wanted.find((w) => w.code === code);
  partyCodes.forEach((raw) => {
    const code = normalizeCode(raw);
    const field = 'input.partyCodes';
    if (!PARTY_CODE.test(code)) throw badInput(field, `"${raw}" is not a party code (ISO 3166-1 alpha-2, e.g. PK)`);
    if (listed(code)) throw badInput(field, `"${code}" is listed twice; name each party once`);
    wanted.push({ code, role: 'OBLIGOR', field });
  });
  others.forEach((p, i) => {
    const code = normalizeCode(p.partyCode);
    const field = `input.otherParties[${i}]`;
    if (!PARTY_CODE.test(code)) throw badInput(`${field}.partyCode`, `"${p.partyCode}" is not a party code (ISO 3166-1 alpha-2, e.g. PK)`);
    if (!PARTY_ROLES.includes(p.role)) throw badInput(`${field}.role`, `must be one of ${PARTY_ROLES.join(', ')}`);
    if (p.role === 'OBLIGOR') throw badInput(`${field}.role`, 'OBLIGORs go in partyCodes; otherParties lists BENEFICIARY and HOST parties');
    const earlier = listed(code);
    if (earlier) throw badInput(`${field}.partyCode`, `"${code}" is already listed as ${earlier.role}; a party has one role in a commitment`);
    wanted.push({ code, role: p.role, field: `${field}.partyCode` });
  });

  const found: PartyEntity[] = await db.query(`SELECT id, code, name FROM party WHERE code = ANY($1::text[])`, [wanted.map((w) => w.code)]);
  return wanted.map((w) => {
    const party = found.find((p) => p.code === w.code);
    if (!party) throw badInput(w.field, `unknown party code "${w.code}"; Query.parties lists the known ones`);
    return { party, role: w.role };
  });
}
