import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { FollowUpType } from '../follow-ups/follow-up.type';
import type { FollowUpRow } from '../follow-ups/follow-up.repository';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
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
  async followUp(@Root() r: ProgressReportRow, @Ctx() ctx: RequestContext): Promise<FollowUpRow> {
    const followUp = await ctx.loaders.followUpById.load(r.followUpId);
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
