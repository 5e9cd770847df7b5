import type { DataSource } from 'typeorm';
import type { Actor } from '../api-keys/authenticate';
import { writeTransaction } from '../db/write-transaction';
import { lockCommitment, bumpCommitment } from '../commitments/commitment-write.repository';
import { reportBeforeEngagementProblem } from '../domain/date-bounds';
import { REPORTED_STATES, ReportedState } from '../domain/status';
import { engagementHeldOnOfCommitment } from '../engagements/engagement.repository';
import { appendEvents } from '../events/event-log';
import { snapshotStatuses, statusChangeEvents } from '../events/status-changes';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
import type { RequestContext } from '../graphql/context';
import { badInput, conflict, notFound } from '../graphql/errors';
import { expectGlobalId, toGlobalId } from '../graphql/global-id';
import { checkDate, latestPastDate, LIMITS, optionalText, requireAllFound } from '../graphql/validate';
import { sourcesByIds } from '../sources/source.repository';
import { insertEvidence } from '../evidence/evidence-write.repository';
import { correctionOf, insertReport } from './progress-report-write.repository';
import { ProgressReportEntity } from './progress-report.entity';
import { CorrectReportInput, ReportProgressInput } from './progress-report.input';

export interface ReportOutcome {
  report: ProgressReportEntity;
  followUp: FollowUpEntity;
}

interface ReportFields {
  state: ReportedState;
  reportedOn: string;
  note: string | null;
  sourceId: string | null;
}

/** The fields every report carries, checked; reportedOn may not lie in the future (one day of slack for time zones). */
async function checkReportFields(ctx: RequestContext, input: ReportProgressInput | CorrectReportInput): Promise<ReportFields> {
  if (!REPORTED_STATES.includes(input.state)) throw badInput('input.state', `must be one of ${REPORTED_STATES.join(', ')}`);
  const reportedOn = checkDate(input.reportedOn, 'input.reportedOn', latestPastDate(ctx.today));
  const note = optionalText(input.note, 'input.note', { max: LIMITS.note, multiline: true }) ?? null;
  let sourceId: string | null = null;
  if (input.sourceId != null) {
    sourceId = expectGlobalId(input.sourceId, 'Source', 'input.sourceId');
    requireAllFound([sourceId], (await sourcesByIds(ctx.db, [sourceId])).map((s) => s.id), 'Source', 'input.sourceId');
  }
  return { state: input.state, reportedOn, note, sourceId };
}

async function findFollowUp(db: DataSource, id: string, field: string, globalId: string): Promise<FollowUpEntity> {
  const followUp = await db.getRepository(FollowUpEntity).findOneBy({ id });
  if (!followUp) throw notFound('FollowUp', globalId, field);
  return followUp;
}

/**
 * Records a report in one transaction: lock the commitment (reports on one commitment take turns,
 * so each sees the statuses its predecessor left), insert it with its source as first evidence,
 * bump the commitment's version, and log PROGRESS_REPORTED (REPORT_CORRECTED for a correction)
 * plus STATUS_CHANGED when the follow-up's status as of today moves. A report dated ahead (today's
 * tomorrow, time zones allowing) moves no status today; the scheduler announces it on its day.
 */
async function record(ctx: RequestContext, actor: Actor, followUp: FollowUpEntity, fields: ReportFields, supersedes?: ProgressReportEntity): Promise<ReportOutcome> {
  const tooEarly = reportBeforeEngagementProblem(fields.reportedOn, await engagementHeldOnOfCommitment(ctx.db, followUp.commitmentId));
  if (tooEarly) throw badInput('input.reportedOn', tooEarly);
  return writeTransaction(ctx.db, async (m) => {
    const commitment = await lockCommitment(m, followUp.commitmentId, 'input.followUpId');
    if (supersedes) {
      const existing = await correctionOf(m, supersedes.id);
      if (existing) {
        throw conflict(`Report ${toGlobalId('ProgressReport', supersedes.id)} was already corrected; correct the newer report instead`, {
          field: 'input.reportId',
          correctedBy: toGlobalId('ProgressReport', existing),
        });
      }
    }
    const now = ctx.clock.now();
    const before = await snapshotStatuses(m, [followUp.id], ctx.today, ctx.config.dueSoonDays);
    const report = await insertReport(m, { ...fields, followUpId: followUp.id, supersedesId: supersedes?.id ?? null, recordedBy: actor.name, now });
    // The source the report was given is its first piece of evidence.
    if (fields.sourceId) await insertEvidence(m, { reportId: report.id, sourceId: fields.sourceId, stance: 'CONFIRMS', note: null, recordedBy: actor.name, now });
    await bumpCommitment(m, commitment.id, commitment.version, now);
    const after = await snapshotStatuses(m, [followUp.id], ctx.today, ctx.config.dueSoonDays);
    const base = { commitmentId: commitment.id, actor: actor.name, occurredAt: now };
    await appendEvents(m, [
      {
        ...base,
        followUpId: followUp.id,
        kind: supersedes ? 'REPORT_CORRECTED' : 'PROGRESS_REPORTED',
        details: {
          reportId: toGlobalId('ProgressReport', report.id),
          state: report.state,
          reportedOn: report.reportedOn,
          sourceId: report.sourceId ? toGlobalId('Source', report.sourceId) : null,
          ...(supersedes ? { supersedes: toGlobalId('ProgressReport', supersedes.id), corrects: { state: supersedes.state, reportedOn: supersedes.reportedOn } } : {}),
        },
      },
      ...statusChangeEvents(before, after, base),
    ]);
    return { report, followUp: await m.getRepository(FollowUpEntity).findOneByOrFail({ id: followUp.id }) };
  });
}

export async function reportProgress(ctx: RequestContext, actor: Actor, input: ReportProgressInput): Promise<ReportOutcome> {
  const followUpId = expectGlobalId(input.followUpId, 'FollowUp', 'input.followUpId');
  const fields = await checkReportFields(ctx, input);
  const followUp = await findFollowUp(ctx.db, followUpId, 'input.followUpId', input.followUpId);
  return record(ctx, actor, followUp, fields);
}

/** Supersedes a report with a corrected one on the same follow-up; the old row stays, uncounted. */
export async function correctReport(ctx: RequestContext, actor: Actor, input: CorrectReportInput): Promise<ReportOutcome> {
  const reportId = expectGlobalId(input.reportId, 'ProgressReport', 'input.reportId');
  const fields = await checkReportFields(ctx, input);
  const original = await ctx.db.getRepository(ProgressReportEntity).findOneBy({ id: reportId });
  if (!original) throw notFound('ProgressReport', input.reportId, 'input.reportId');
  const followUp = await findFollowUp(ctx.db, original.followUpId, 'input.reportId', input.reportId);
  return record(ctx, actor, followUp, fields, original);
}
