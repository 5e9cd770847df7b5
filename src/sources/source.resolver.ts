import { Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CommitmentConnection } from '../commitments/commitment.type';
import type { CommitmentRow } from '../commitments/commitment.repository';
import type { RequestContext } from '../graphql/context';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import type { PartyEntity } from '../parties/party.entity';
import { PartyType } from '../parties/party.type';
import { pageOfSources, SourceRow } from './source.repository';
import { SourceConnection, SourceType } from './source.type';

@Resolver(() => SourceType)
export class SourceResolver {
  @Query(() => SourceConnection)
  async sources(@Args() args: ConnectionArgs, @Ctx() ctx: RequestContext): Promise<Connection<SourceRow>> {
    const page = pageRequest(args, 1);
    const { rows, total } = await pageOfSources(ctx.db, page);
    return toConnection(rows, page, total, (s) => [s.id]);
  }

  @FieldResolver(() => ID)
  id(@Root() source: SourceRow): string {
    return toGlobalId('Source', source.id);
  }

  @FieldResolver(() => PartyType, { nullable: true, description: 'The party whose government or state speaks through this source; null for an independent source.' })
  async affiliation(@Root() source: SourceRow, @Ctx() ctx: RequestContext): Promise<PartyEntity | null> {
    return source.affiliationPartyId ? ctx.loaders.partyById.load(source.affiliationPartyId) : null;
  }

  @FieldResolver(() => CommitmentConnection, { description: 'Commitments citing this source, with any stance (each commitment\'s sources give the stance), in the order they were recorded.' })
  async citedBy(@Root() source: SourceRow, @Args() args: ConnectionArgs, @Ctx() ctx: RequestContext): Promise<Connection<CommitmentRow>> {
    const page = pageRequest(args, 1);
    const { rows, total } = await ctx.loaders.citingCommitmentsBySource.load({ id: source.id, args: page });
    return toConnection(rows, page, total, (c) => [c.id]);
  }
}
