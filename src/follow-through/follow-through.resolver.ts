import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { rootAsOf, AS_OF_DESCRIPTION, KNOWN_AT_DESCRIPTION } from '../graphql/as-of.args';
import { rootKnownAt } from '../graphql/known-at';
import type { RequestContext } from '../graphql/context';
import { notFound } from '../graphql/errors';
import { expectGlobalId } from '../graphql/global-id';
import { checkPartyCodes, distinct, partyIdsForCodes } from '../graphql/list-filters';
import { CommitmentKindEnum } from '../graphql/enums';
import type { CommitmentKind } from '../domain/commitment-kinds';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';
import { selectsChild } from '../graphql/selection';
import { followThroughNumbers } from './follow-through.repository';
import { FollowThroughType } from './follow-through.type';

@Resolver(() => FollowThroughType)
export class FollowThroughResolver {
  @Query(() => FollowThroughType, { description: 'Commitments by status and the on-time rate as of a date, for one party or engagement or all.' })
  async followThrough(
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION }) asOfArg: string | null | undefined,
    @Arg('partyCode', () => String, { nullable: true, description: 'Only commitments this party is an OBLIGOR of.' }) partyCode: string | null | undefined,
    @Arg('engagementId', () => ID, { nullable: true, description: 'Only commitments made at this engagement.' }) engagementGlobalId: string | null | undefined,
    @Arg('knownAt', () => DateTimeScalar, { nullable: true, description: KNOWN_AT_DESCRIPTION }) knownAtArg: Date | null | undefined,
    @Arg('kinds', () => [CommitmentKindEnum], { nullable: true, description: 'Only commitments of these kinds; default all. [AGREEMENT, PLEDGE]: how promises were kept.' })
    kinds: CommitmentKind[] | null | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FollowThroughType> {
    const asOf = rootAsOf(ctx, info, asOfArg);
    const knownAt = rootKnownAt(ctx, info, knownAtArg);
    const engagementId = engagementGlobalId == null ? null : expectGlobalId(engagementGlobalId, 'Engagement', 'engagementId');
    const [code] = partyCode == null ? [null] : checkPartyCodes([partyCode], 'partyCode');
    // Counting the corroborated reads evidence; without the field in the selection it is never sent.
    const corroborated = selectsChild(info, 'corroboratedOnTimeRate');
    const numbers = await followThroughNumbers(ctx.db, { partyCode: code, engagementId, kinds: distinct(kinds) }, asOf, ctx.config.dueSoonDays, { corroborated, knownAt });
    // An unknown party or engagement counts nothing, and is the caller's mistake rather than an
    // empty answer. Looked up only when nothing was counted, so an answer costs one statement.
    if (numbers.total === 0) {
      await partyIdsForCodes(ctx.db, code == null ? null : [code], 'partyCode');
      if (engagementId && !(await ctx.db.query(`SELECT 1 FROM engagement WHERE id = $1`, [engagementId])).length) {
        throw notFound('Engagement', engagementGlobalId!, 'engagementId');
      }
    }
    return { asOf, ...numbers };
  }
}
