import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireRole } from '../api-keys/authenticate';
import type { RequestContext } from '../graphql/context';
import { ReportProgressPayload } from '../progress-reports/progress-report-mutation.resolver';
import type { ReportOutcome } from '../progress-reports/progress-report.service';
import { AddEvidenceInput } from './evidence.input';
import { addEvidence } from './evidence.service';

@Resolver()
export class EvidenceMutationResolver {
  @Mutation(() => ReportProgressPayload, { description: 'EDITOR or ADMIN. Adds what one more source says about a report; evidence is never edited or deleted.' })
  async addEvidence(@Arg('input', () => AddEvidenceInput) input: AddEvidenceInput, @Ctx() ctx: RequestContext): Promise<ReportOutcome> {
    const actor = await requireRole(ctx, 'EDITOR');
    return addEvidence(ctx, actor, input);
  }
}
