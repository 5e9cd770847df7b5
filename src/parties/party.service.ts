import type { RequestContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { LIMITS, requiredText } from '../graphql/validate';
import { PartyEntity } from './party.entity';
import type { CreatePartyInput } from './party.input';

/** A state's ISO 3166-1 alpha-2 code, or X followed by a letter for a body that is not a state (XU). */
const PARTY_CODE = /^[A-Z]{2}$/;

/** Records a party; its code is unique. A refused call writes nothing. */
export async function createParty(ctx: RequestContext, input: CreatePartyInput): Promise<PartyEntity> {
  const code = requiredText(input.code, 'input.code', { max: 2 }).toUpperCase();
  if (!PARTY_CODE.test(code)) throw badInput('input.code', `"${input.code}" is not a party code: ISO 3166-1 alpha-2 (e.g. PK), or X and a letter for a body that is not a state (e.g. XU)`);
  const name = requiredText(input.name, 'input.name', { max: LIMITS.shortText });
  const taken = () => badInput('input.code', `a party with code "${code}" already exists; Query.parties lists them`);
  if (await ctx.db.getRepository(PartyEntity).existsBy({ code })) throw taken();
  try {
    const [row]: PartyEntity[] = await ctx.db.query(`INSERT INTO party (code, name) VALUES ($1, $2) RETURNING id, code, name`, [code, name]);
    return row;
  } catch (e) {
    // Two admins racing for one code: the loser gets the answer it would have got coming second.
    if ((e as { code?: string }).code === '23505') throw taken();
    throw e;
  }
}
