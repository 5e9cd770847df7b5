import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { CommitmentType } from '../commitments/commitment.type';
import type { CommitmentRow } from '../commitments/commitment.repository';
import { daysBetween } from '../domain/dates';
import type { Status } from '../domain/status';
import { checkDateCursor } from '../db/keyset';
import { AsOfArgs, AsOfKnownAtArgs, AsOfKnownAtConnectionArgs, fieldAsOf, rootAsOf } from '../graphql/as-of.args';
import { Connection, pageRequest, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import type { Verification } from '../domain/verification';
import { CommitmentStatusEnum, VerificationEnum } from '../graphql/enums';
import { toGlobalId } from '../graphql/global-id';
import { carriesDerivedValues } from '../graphql/derived-fields';
import { fieldKnownAt, rootKnownAt } from '../graphql/known-at';
import { DateScalar } from '../graphql/scalars';
import { ProgressReportType } from '../progress-reports/progress-report.type';
import type { ProgressReportRow } from '../progress-reports/progress-report.repository';
import { FollowUpFilterInput } from './follow-up-filter.input';
import { followUpCriteria } from './follow-up.criteria';
import { FollowUpPageRow, FollowUpRow, pageOfFollowUps } from './follow-up.repository';
import { FollowUpConnection, FollowUpType } from './follow-up.type';

@ArgsType()
class FollowUpsArgs extends AsOfKnownAtConnectionArgs {
  @Field(() => FollowUpFilterInput, { nullable: true })
  filter?: FollowUpFilterInput | null;
}

@Resolver(() => FollowUpType)
export class FollowUpResolver {
  @Query(() => FollowUpConnection, { description: 'Ordered by due date (none last), then id. first: default 20, at most 100.' })
  async followUps(@Args() args: FollowUpsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Connection<FollowUpPageRow>> {
    const asOf = rootAsOf(ctx, info, args.asOf);
    const knownAt = rootKnownAt(ctx, info, args.knownAt);
    const page = pageRequest(args, 2);
    checkDateCursor(page.after);
    const criteria = await followUpCriteria(ctx.db, args.filter);
    const { rows, total } = await pageOfFollowUps(ctx.db, criteria, asOf, ctx.config.dueSoonDays, page, knownAt);
    return toConnection(rows, page, total, (f) => [f.dueDate, f.id]);
  }

  @FieldResolver(() => ID)
  id(@Root() f: FollowUpRow): string {
    return toGlobalId('FollowUp', f.id);
  }

  @FieldResolver(() => CommitmentType)
  async commitment(@Root() f: FollowUpRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<CommitmentRow> {
    // Under a knownAt, the commitment as known then (its kind then); a follow-up known then implies its commitment was.
    const knownAt = fieldKnownAt(ctx, info);
    const commitment = await (knownAt === null
      ? ctx.loaders.commitmentById.load(f.commitmentId)
      : ctx.loaders.commitmentKnownAt.load({ id: f.commitmentId, args: knownAt }));
    if (!commitment) throw new Error(`follow-up ${f.id} points at missing commitment ${f.commitmentId}`);
    return commitment;
  }

  @FieldResolver(() => CommitmentStatusEnum)
  status(@Root() f: FollowUpRow, @Args() { asOf, knownAt }: AsOfKnownAtArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Status> {
    return ctx.loaders.followUpStatus.load({ id: f.id, args: { asOf: fieldAsOf(ctx, info, asOf), knownAt: fieldKnownAt(ctx, info, knownAt) } });
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Whole days past dueDate as of asOf; null unless OVERDUE.' })
  async daysOverdue(@Root() f: FollowUpRow, @Args() args: AsOfArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<number | null> {
    const asOf = fieldAsOf(ctx, info, args.asOf);
    const knownAt = fieldKnownAt(ctx, info);
    const status = carriesDerivedValues(f, asOf, knownAt)
      ? (f as FollowUpPageRow).status
      : await ctx.loaders.followUpStatus.load({ id: f.id, args: { asOf, knownAt } });
    return status === 'OVERDUE' && f.dueDate ? daysBetween(f.dueDate, asOf) : null;
  }

  @FieldResolver(() => VerificationEnum, { nullable: true, description: 'The verification of the report that decides its status as of asOf; null while it is open.' })
  verification(@Root() f: FollowUpRow, @Args() { asOf, knownAt }: AsOfKnownAtArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Verification | null> {
    return ctx.loaders.followUpVerification.load({ id: f.id, args: { asOf: fieldAsOf(ctx, info, asOf), knownAt: fieldKnownAt(ctx, info, knownAt) } });
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'reportedOn of the latest DONE report, if any, whatever the asOf.' })
  completedOn(@Root() f: FollowUpRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    return ctx.loaders.completedOn.load({ id: f.id, args: fieldKnownAt(ctx, info) });
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'The due date as first recorded; differs from dueDate when the deadline was moved.' })
  originalDueDate(@Root() f: FollowUpRow, @Ctx() ctx: RequestContext): Promise<string | null> {
    return ctx.loaders.originalDueDate.load(f.id);
  }

  @FieldResolver(() => [ProgressReportType], { description: 'Every report, oldest first (reportedOn, then recording order), corrected ones included.' })
  reports(@Root() f: FollowUpRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ProgressReportRow[]> {
    return ctx.loaders.reportsByFollowUp.load({ id: f.id, args: fieldKnownAt(ctx, info) });
  }
}
