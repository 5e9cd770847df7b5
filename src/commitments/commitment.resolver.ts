import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Status } from '../domain/status';
import { checkDateCursor } from '../db/keyset';
import { CommitmentEventConnection } from '../events/commitment-event.type';
import type { CommitmentEventRow } from '../events/commitment-event.repository';
import { EngagementType } from '../engagements/engagement.type';
import type { EngagementRow } from '../engagements/engagement.repository';
import { FollowUpConnection } from '../follow-ups/follow-up.type';
import type { FollowUpPageRow } from '../follow-ups/follow-up.repository';
import { AsOfArgs, AsOfKnownAtArgs, AsOfKnownAtConnectionArgs, fieldAsOf, rootAsOf } from '../graphql/as-of.args';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { CommitmentStatusEnum } from '../graphql/enums';
import { toGlobalId } from '../graphql/global-id';
import { fieldKnownAt, rootKnownAt } from '../graphql/known-at';
import { DateScalar } from '../graphql/scalars';
import { selectsChild } from '../graphql/selection';
import type { PartyEntity } from '../parties/party.entity';
import { PartyType } from '../parties/party.type';
import { CommitmentPartyType } from '../parties/commitment-party.type';
import type { CommitmentPartyRow } from '../parties/party.repository';
import type { CitationRow } from '../sources/source.repository';
import { SourceCitationType } from '../sources/source.type';
import { commitmentCriteria } from './commitment-criteria';
import { CommitmentFilterInput } from './commitment-filter.input';
import { CommitmentPageRow, CommitmentRow, pageOfCommitments } from './commitment.repository';
import { CommitmentConnection, CommitmentType } from './commitment.type';

@ArgsType()
class CommitmentsArgs extends AsOfKnownAtConnectionArgs {
  @Field(() => CommitmentFilterInput, { nullable: true })
  filter?: CommitmentFilterInput | null;
}

@ArgsType()
class CommitmentFollowUpsArgs extends AsOfKnownAtConnectionArgs {
  @Field(() => [CommitmentStatusEnum], { nullable: true, description: 'Only follow-ups with one of these statuses as of asOf.' })
  status?: Status[] | null;
}

@Resolver(() => CommitmentType)
export class CommitmentResolver {
  @Query(() => CommitmentConnection, { description: 'Ordered by next due date (none last), then id. first: default 20, at most 100.' })
  async commitments(@Args() args: CommitmentsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Connection<CommitmentPageRow>> {
    const asOf = rootAsOf(ctx, info, args.asOf);
    const knownAt = rootKnownAt(ctx, info, args.knownAt);
    const page = pageRequest(args, 2);
    checkDateCursor(page.after);
    const criteria = await commitmentCriteria(ctx.db, args.filter);
    const withTotal = selectsChild(info, 'totalCount');
    const { rows, total } = await pageOfCommitments(ctx.db, criteria, asOf, ctx.config.dueSoonDays, page, { withTotal, knownAt });
    // Without totalCount in the selection, the total is never sent, so it is not counted.
    return toConnection(rows, page, total ?? 0, (r) => [r.nextDueDate, r.id]);
  }

  @FieldResolver(() => ID)
  id(@Root() c: CommitmentRow): string {
    return toGlobalId('Commitment', c.id);
  }

  @FieldResolver(() => EngagementType, { nullable: true, description: 'The engagement at which it was made.' })
  async madeAt(@Root() c: CommitmentRow, @Ctx() ctx: RequestContext): Promise<EngagementRow | null> {
    return c.engagementId ? ctx.loaders.engagementById.load(c.engagementId) : null;
  }

  @FieldResolver(() => [PartyType], { description: 'Exactly the OBLIGORs among parties.' })
  responsibleParties(@Root() c: CommitmentRow, @Ctx() ctx: RequestContext): Promise<PartyEntity[]> {
    return ctx.loaders.partiesByCommitment.load(c.id);
  }

  @FieldResolver(() => [CommitmentPartyType], { description: 'Every party involved, each once, with its role; the OBLIGORs are responsibleParties.' })
  parties(@Root() c: CommitmentRow, @Ctx() ctx: RequestContext): Promise<CommitmentPartyRow[]> {
    return ctx.loaders.partyRolesByCommitment.load(c.id);
  }

  @FieldResolver(() => CommitmentStatusEnum)
  async status(@Root() c: CommitmentRow, @Args() { asOf, knownAt }: AsOfKnownAtArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Status> {
    const args = { asOf: fieldAsOf(ctx, info, asOf), knownAt: fieldKnownAt(ctx, info, knownAt) };
    return (await ctx.loaders.commitmentAggregate.load({ id: c.id, args })).status;
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'Earliest due date among its follow-ups that are OVERDUE, DUE_SOON or SCHEDULED as of asOf (so it may be past).',
  })
  async nextDueDate(@Root() c: CommitmentRow, @Args() { asOf }: AsOfArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    const args = { asOf: fieldAsOf(ctx, info, asOf), knownAt: fieldKnownAt(ctx, info) };
    return (await ctx.loaders.commitmentAggregate.load({ id: c.id, args })).nextDueDate;
  }

  @FieldResolver(() => FollowUpConnection, { description: 'Ordered by due date (none last), then id.' })
  async followUps(
    @Root() c: CommitmentRow,
    @Args() args: CommitmentFollowUpsArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<FollowUpPageRow>> {
    const page = pageRequest(args, 2);
    checkDateCursor(page.after);
    const asOf = fieldAsOf(ctx, info, args.asOf);
    const knownAt = fieldKnownAt(ctx, info, args.knownAt);
    const statuses = args.status == null ? null : [...new Set(args.status)];
    const withTotal = selectsChild(info, 'totalCount');
    const { rows, total } = await ctx.loaders.followUpsByCommitment.load({ id: c.id, args: { statuses, asOf, knownAt, page, withTotal } });
    // Without totalCount in the selection, the total is never sent, so it is not counted.
    return toConnection(rows, page, total ?? 0, (f) => [f.dueDate, f.id]);
  }

  @FieldResolver(() => [SourceCitationType])
  sources(@Root() c: CommitmentRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<CitationRow[]> {
    return ctx.loaders.citationsByCommitment.load({ id: c.id, args: fieldKnownAt(ctx, info) });
  }

  @FieldResolver(() => CommitmentEventConnection, { description: 'Every change, oldest first: creation, edits, progress reports, status changes.' })
  async history(@Root() c: CommitmentRow, @Args() args: ConnectionArgs, @Ctx() ctx: RequestContext): Promise<Connection<CommitmentEventRow>> {
    const page = pageRequest(args, 1);
    const { rows, total } = await ctx.loaders.historyByCommitment.load({ id: c.id, args: page });
    return toConnection(rows, page, total, (e) => [e.id]);
  }
}
