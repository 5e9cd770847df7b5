import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, ID, Info, Resolver, Root } from 'type-graphql';
import { FollowUpType } from '../follow-ups/follow-up.type';
import type { FollowUpRow } from '../follow-ups/follow-up.repository';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { fieldKnownAt } from '../graphql/known-at';
import type { SourceRow } from '../sources/source.repository';
import { SourceType } from '../sources/source.type';
import type { ProgressReportRow } from './progress-report.repository';
import { ProgressReportType } from './progress-report.type';

@Resolver(() => ProgressReportType)
export class ProgressReportResolver {
  @FieldResolver(() => ID)
  id(@Root() r: ProgressReportRow): string {
    return toGlobalId('ProgressReport', r.id);
  }

  @FieldResolver(() => FollowUpType)
  async followUp(@Root() r: ProgressReportRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<FollowUpRow> {
    // Under a knownAt, the follow-up as known then (its due date then); a report known then
    // implies its follow-up was.
    const knownAt = fieldKnownAt(ctx, info);
    const followUp = await (knownAt === null ? ctx.loaders.followUpById.load(r.followUpId) : ctx.loaders.followUpKnownAt.load({ id: r.followUpId, args: knownAt }));
    if (!followUp) throw new Error(`report ${r.id} points at missing follow-up ${r.followUpId}`);
    return followUp;
  }

  @FieldResolver(() => SourceType, { nullable: true })
  async source(@Root() r: ProgressReportRow, @Ctx() ctx: RequestContext): Promise<SourceRow | null> {
    return r.sourceId ? ctx.loaders.sourceById.load(r.sourceId) : null;
  }

  @FieldResolver(() => ProgressReportType, { nullable: true, description: 'The earlier report this one corrects; that one no longer counts.' })
  async supersedes(@Root() r: ProgressReportRow, @Ctx() ctx: RequestContext): Promise<ProgressReportRow | null> {
    return r.supersedesId ? ctx.loaders.reportById.load(r.supersedesId) : null;
  }
}
