import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireRole } from '../api-keys/authenticate';
import { FollowUpType } from '../follow-ups/follow-up.type';
import type { RequestContext } from '../graphql/context';
import { CorrectReportInput, ReportProgressInput } from './progress-report.input';
import { correctReport, reportProgress, ReportOutcome } from './progress-report.service';
import { ProgressReportType } from './progress-report.type';

@ObjectType('ReportProgressPayload', { simpleResolvers: true })
export class ReportProgressPayload {
  @Field(() => ProgressReportType) report!: ProgressReportType;
  @Field(() => FollowUpType) followUp!: FollowUpType;
}

@Resolver()
export class ProgressReportMutationResolver {
  @Mutation(() => ReportProgressPayload, { description: 'EDITOR or ADMIN. Records what happened to a follow-up; reports are never edited or deleted.' })
  async reportProgress(@Arg('input', () => ReportProgressInput) input: ReportProgressInput, @Ctx() ctx: RequestContext): Promise<ReportOutcome> {
    const actor = await requireRole(ctx, 'EDITOR');
    return reportProgress(ctx, actor, input);
  }

  @Mutation(() => ReportProgressPayload, { description: 'EDITOR or ADMIN. Supersedes a report with a corrected one; the old report is kept but no longer counts.' })
  async correctReport(@Arg('input', () => CorrectReportInput) input: CorrectReportInput, @Ctx() ctx: RequestContext): Promise<ReportOutcome> {
    const actor = await requireRole(ctx, 'EDITOR');
    return correctReport(ctx, actor, input);
  }
}
