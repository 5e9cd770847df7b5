import { Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CommitmentConnection } from '../commitments/commitment.type';
import type { CommitmentRow } from '../commitments/commitment.repository';
import { checkDateCursor } from '../db/keyset';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import type { PartyEntity } from '../parties/party.entity';
import { PartyType } from '../parties/party.type';
import type { PersonRow } from '../people/person.repository';
import { PersonType } from '../people/person.type';
import type { EngagementCitationRow } from '../sources/source.repository';
import { SourceCitationType } from '../sources/source.type';
import { EngagementRow, pageOfEngagements } from './engagement.repository';
import { EngagementConnection, EngagementType } from './engagement.type';

@Resolver(() => EngagementType)
export class EngagementResolver {
  @Query(() => EngagementConnection, { description: 'In the order they were held (undated last), then id. first: default 20, at most 100.' })
  async engagements(@Args() args: ConnectionArgs, @Ctx() ctx: RequestContext): Promise<Connection<EngagementRow>> {
    const page = pageRequest(args, 2);
    checkDateCursor(page.after);
    const { rows, total } = await pageOfEngagements(ctx.db, page);
    return toConnection(rows, page, total, (e) => [e.heldOn, e.id]);
  }

  @FieldResolver(() => ID)
  id(@Root() e: EngagementRow): string {
    return toGlobalId('Engagement', e.id);
  }

  @FieldResolver(() => [PartyType], { description: 'The parties that met, by code.' })
  parties(@Root() e: EngagementRow, @Ctx() ctx: RequestContext): Promise<PartyEntity[]> {
    return ctx.loaders.partiesByEngagement.load(e.id);
  }

  @FieldResolver(() => [PersonType], { description: 'Who took part, as the sources name them.' })
  participants(@Root() e: EngagementRow, @Ctx() ctx: RequestContext): Promise<PersonRow[]> {
    return ctx.loaders.participantsByEngagement.load(e.id);
  }

  @FieldResolver(() => [SourceCitationType], { description: 'The sources that report it (CONFIRMS) or otherwise speak to it.' })
  sources(@Root() e: EngagementRow, @Ctx() ctx: RequestContext): Promise<EngagementCitationRow[]> {
    return ctx.loaders.citationsByEngagement.load(e.id);
  }

  @FieldResolver(() => CommitmentConnection, { description: 'The commitments made there, in the order they were recorded.' })
  async commitments(@Root() e: EngagementRow, @Args() args: ConnectionArgs, @Ctx() ctx: RequestContext): Promise<Connection<CommitmentRow>> {
    const page = pageRequest(args, 1);
    const { rows, total } = await ctx.loaders.commitmentsByEngagement.load({ id: e.id, args: page });
    return toConnection(rows, page, total, (c) => [c.id]);
  }
}
