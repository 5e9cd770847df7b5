import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, ID, Info, Resolver, Root } from 'type-graphql';
import { FollowUpType } from '../follow-ups/follow-up.type';
import type { FollowUpRow } from '../follow-ups/follow-up.repository';
import type { Verification } from '../domain/verification';
import type { EvidenceRow } from '../evidence/evidence.repository';
import { EvidenceType } from '../evidence/evidence.type';
import { KnownAtArgs } from '../graphql/as-of.args';
import type { RequestContext } from '../graphql/context';
import { VerificationEnum } from '../graphql/enums';
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

  @FieldResolver(() => ProgressReportType, { nullable: true, description: 'The earlier report this one corrects; that one no longer counts. The same as corrects.' })
  async supersedes(@Root() r: ProgressReportRow, @Ctx() ctx: RequestContext): Promise<ProgressReportRow | null> {
    return r.supersedesId ? ctx.loaders.reportById.load(r.supersedesId) : null;
  }

  @FieldResolver(() => ProgressReportType, { nullable: true, description: 'The report this one corrects, if any.' })
  async corrects(@Root() r: ProgressReportRow, @Ctx() ctx: RequestContext): Promise<ProgressReportRow | null> {
    return r.supersedesId ? ctx.loaders.reportById.load(r.supersedesId) : null;
  }

  @FieldResolver(() => ProgressReportType, { nullable: true, description: 'The report that corrects this one, if any; a corrected report no longer counts.' })
  correctedBy(@Root() r: ProgressReportRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ProgressReportRow | null> {
    return ctx.loaders.correctionByReport.load({ id: r.id, args: fieldKnownAt(ctx, info) });
  }

  @FieldResolver(() => [EvidenceType], { description: 'Every piece of evidence, oldest first; the source given to reportProgress is the first, as CONFIRMS.' })
  evidence(@Root() r: ProgressReportRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<EvidenceRow[]> {
    return ctx.loaders.evidenceByReport.load({ id: r.id, args: fieldKnownAt(ctx, info) });
  }

  @FieldResolver(() => VerificationEnum, { description: 'Who backs it, from its evidence: see enum Verification.' })
  verification(@Root() r: ProgressReportRow, @Args() { knownAt }: KnownAtArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Verification> {
    return ctx.loaders.reportVerification.load({ id: r.id, args: fieldKnownAt(ctx, info, knownAt) });
  }
}
