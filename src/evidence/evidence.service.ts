import type { Actor } from '../api-keys/authenticate';
import { bumpCommitment, lockCommitment } from '../commitments/commitment-write.repository';
import { writeTransaction } from '../db/write-transaction';
import { appendEvents } from '../events/event-log';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
import type { RequestContext } from '../graphql/context';
import { badInput, notFound } from '../graphql/errors';
import { expectGlobalId, toGlobalId } from '../graphql/global-id';
import { optionalText, requireAllFound } from '../graphql/validate';
import { ProgressReportEntity } from '../progress-reports/progress-report.entity';
import type { ReportOutcome } from '../progress-reports/progress-report.service';
import { SOURCE_STANCES } from '../sources/source-citation.entity';
import { sourcesByIds } from '../sources/source.repository';
import { insertEvidence } from './evidence-write.repository';
import type { AddEvidenceInput } from './evidence.input';

/**
 * Adds what one more source says about a report, in one transaction with the commitment locked:
 * insert, bump the commitment's version, log EVIDENCE_ADDED. Evidence changes a report's
 * verification, never a status, so no STATUS_CHANGED follows. Everything is checked first: an
 * unknown report or source is NOT_FOUND, a bad stance or note BAD_USER_INPUT, and nothing is written.
 */
export async function addEvidence(ctx: RequestContext, actor: Actor, input: AddEvidenceInput): Promise<ReportOutcome> {
  const reportId = expectGlobalId(input.reportId, 'ProgressReport', 'input.reportId');
  const sourceId = expectGlobalId(input.sourceId, 'Source', 'input.sourceId');
  if (!SOURCE_STANCES.includes(input.stance)) throw badInput('input.stance', `must be one of ${SOURCE_STANCES.join(', ')}`);
  const note = optionalText(input.note, 'input.note', { max: 2000, multiline: true }) ?? null;
  const report = await ctx.db.getRepository(ProgressReportEntity).findOneBy({ id: reportId });
  if (!report) throw notFound('ProgressReport', input.reportId, 'input.reportId');
  requireAllFound([sourceId], (await sourcesByIds(ctx.db, [sourceId])).map((s) => s.id), 'Source', 'input.sourceId');
  const followUp = await ctx.db.getRepository(FollowUpEntity).findOneByOrFail({ id: report.followUpId });

  return writeTransaction(ctx.db, async (m) => {
    const commitment = await lockCommitment(m, followUp.commitmentId, 'input.reportId');
    const now = ctx.clock.now();
    await insertEvidence(m, { reportId, sourceId, stance: input.stance, note, recordedBy: actor.name, now });
    await bumpCommitment(m, commitment.id, commitment.version, now);
    await appendEvents(m, [{
      commitmentId: commitment.id, followUpId: followUp.id, kind: 'EVIDENCE_ADDED', actor: actor.name, occurredAt: now,
      details: {
        version: { before: commitment.version, after: commitment.version + 1 },
        reportId: toGlobalId('ProgressReport', reportId), sourceId: toGlobalId('Source', sourceId), stance: input.stance, note,
      },
    }]);
    return { report, followUp };
  });
}
