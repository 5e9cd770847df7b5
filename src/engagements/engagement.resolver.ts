import { Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CommitmentConnection } from '../commitments/commitment.type';
import type { CommitmentRow } from '../commitments/commitment.repository';
import { checkDateCursor } from '../db/keyset';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
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

  @FieldResolver(() => CommitmentConnection, { description: 'The commitments made there, in the order they were recorded.' })
  async commitments(@Root() e: EngagementRow, @Args() args: ConnectionArgs, @Ctx() ctx: RequestContext): Promise<Connection<CommitmentRow>> {
    const page = pageRequest(args, 1);
    const { rows, total } = await ctx.loaders.commitmentsByEngagement.load({ id: e.id, args: page });
    return toConnection(rows, page, total, (c) => [c.id]);
  }
}
