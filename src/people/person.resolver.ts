import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import type { PartyEntity } from '../parties/party.entity';
import { PartyType } from '../parties/party.type';
import type { PersonRow } from './person.repository';
import { PersonType } from './person.type';

@Resolver(() => PersonType)
export class PersonResolver {
  @FieldResolver(() => ID)
  id(@Root() p: PersonRow): string {
    return toGlobalId('Person', p.id);
  }

  @FieldResolver(() => PartyType, { nullable: true })
  party(@Root() p: PersonRow, @Ctx() ctx: RequestContext): Promise<PartyEntity | null> {
    return ctx.loaders.partyById.load(p.partyId);
  }
}
