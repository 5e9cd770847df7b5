import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireRole } from '../api-keys/authenticate';
import type { RequestContext } from '../graphql/context';
import { PartyEntity } from './party.entity';
import { CreatePartyInput } from './party.input';
import { createParty } from './party.service';
import { PartyType } from './party.type';

@ObjectType('PartyPayload', { simpleResolvers: true })
export class PartyPayload {
  @Field(() => PartyType) party!: PartyType;
}

@Resolver()
export class PartyMutationResolver {
  @Mutation(() => PartyPayload, { description: 'ADMIN only.' })
  async createParty(@Arg('input', () => CreatePartyInput) input: CreatePartyInput, @Ctx() ctx: RequestContext): Promise<{ party: PartyEntity }> {
    await requireRole(ctx, 'ADMIN');
    return { party: await createParty(ctx, input) };
  }
}
