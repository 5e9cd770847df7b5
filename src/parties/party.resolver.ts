import { Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { PartyEntity } from './party.entity';
import { listParties } from './party.repository';
import { PartyType } from './party.type';

@Resolver(() => PartyType)
export class PartyResolver {
  @Query(() => [PartyType])
  parties(@Ctx() ctx: RequestContext): Promise<PartyEntity[]> {
    return listParties(ctx.db);
  }

  @FieldResolver(() => ID)
  id(@Root() party: PartyEntity): string {
    return toGlobalId('Party', party.id);
  }
}
