import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { rootAsOf, AS_OF_DESCRIPTION } from '../graphql/as-of.args';
import type { RequestContext } from '../graphql/context';
import { notFound } from '../graphql/errors';
import { expectGlobalId } from '../graphql/global-id';
import { partyIdsForCodes } from '../graphql/list-filters';
import { DateScalar } from '../graphql/scalars';
import { followThroughNumbers } from './follow-through.repository';
import { FollowThroughType } from './follow-through.type';

@Resolver(() => FollowThroughType)
export class FollowThroughResolver {
  @Query(() => FollowThroughType, { description: 'Commitments by status and the on-time rate as of a date, for one party or engagement or all.' })
  async followThrough(
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION }) asOfArg: string | null | undefined,
    @Arg('partyCode', () => String, { nullable: true, description: 'Only commitments this party is responsible for.' }) partyCode: string | null | undefined,
    @Arg('engagementId', () => ID, { nullable: true, description: 'Only commitments made at this engagement.' }) engagementGlobalId: string | null | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FollowThroughType> {
    const asOf = rootAsOf(ctx, info, asOfArg);
    const engagementId = engagementGlobalId == null ? null : expectGlobalId(engagementGlobalId, 'Engagement', 'engagementId');
    const partyIds = partyCode == null ? null : await partyIdsForCodes(ctx.db, [partyCode], 'partyCode');
    if (engagementId && !(await ctx.db.query(`SELECT 1 FROM engagement WHERE id = $1`, [engagementId])).length) {
      throw notFound('Engagement', engagementGlobalId!, 'engagementId');
    }
    const numbers = await followThroughNumbers(ctx.db, { partyId: partyIds?.[0] ?? null, engagementId }, asOf, ctx.config.dueSoonDays);
    return { asOf, ...numbers };
  }
}
