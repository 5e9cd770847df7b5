import type { Actor } from '../api-keys/authenticate';
import { lockAndBumpCommitment } from '../commitments/commitment-write.repository';
import { writeTransaction } from '../db/write-transaction';
import { reportBeforeEngagementProblem } from '../domain/date-bounds';
import { REPORTED_STATES, ReportedState, ReportFact } from '../domain/status';
import { appendEvents } from '../events/event-log';
import { statusChangeEvents, statusesOf } from '../events/status-changes';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
import type { RequestContext } from '../graphql/context';
import { badInput, conflict, notFound } from '../graphql/errors';
import { expectGlobalId, toGlobalId } from '../graphql/global-id';
import { checkDate, latestPastDate, LIMITS, optionalText } from '../graphql/validate';
import { insertedReport, readReportWriteFacts, reportInsertWrite } from './progress-report-write.repository';
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

/** The fields every report carries, checked (the source's existence is checked inside the write); reportedOn may not lie in the future (one day of slack for time zones). */
function checkReportFields(ctx: RequestContext, input: ReportProgressInput | CorrectReportInput): ReportFields {
  if (!REPORTED_STATES.includes(input.state)) throw badInput('input.state', `must be one of ${REPORTED_STATES.join(', ')}`);
  const reportedOn = checkDate(input.reportedOn, 'input.reportedOn', latestPastDate(ctx.today));
  const note = optionalText(input.note, 'input.note', { max: LIMITS.note, multiline: true }) ?? null;
  const sourceId = input.sourceId == null ? null : expectGlobalId(input.sourceId, 'Source', 'input.sourceId');
  return { state: input.state, reportedOn, note, sourceId };
}

/** Where the follow-up a report is on was named: the field and the id given, for NOT_FOUND. */
interface FollowUpReference {
  followUpId: string;
  field: string;
  globalId: string;
}

/**
 * Records a report in one transaction of four statements: lock the commitment and bump its version
 * (reports on one commitment take turns, so each sees the statuses its predecessor left); read
 * what the report depends on (the follow-up and its reports, the engagement's date, the source, an
 * earlier correction) and draw the report's id; insert the report with its source as first evidence
 * together with its events, PROGRESS_REPORTED (REPORT_CORRECTED for a correction) plus
 * STATUS_CHANGED when the follow-up's status as of today moves; commit. The status after is the
 * pure rule applied to the reports read plus this one, exact under the lock. A report dated ahead
 * (today's tomorrow, time zones allowing) moves no status today; the scheduler announces it on its day.
 */
async function record(ctx: RequestContext, actor: Actor, target: FollowUpReference, fields: ReportFields, supersedes?: ProgressReportEntity): Promise<ReportOutcome> {
  return writeTransaction(ctx.db, async (m) => {
    const now = ctx.clock.now();
    const { after: commitment } = await lockAndBumpCommitment(m, {
      of: { followUpId: target.followUpId }, missing: () => notFound('FollowUp', target.globalId, target.field), now,
    });
    const facts = await readReportWriteFacts(m, target.followUpId, fields.sourceId, supersedes?.id ?? null);
    if (!facts.sourceFound) throw notFound('Source', toGlobalId('Source', fields.sourceId!), 'input.sourceId');
    const tooEarly = reportBeforeEngagementProblem(fields.reportedOn, facts.engagementHeldOn);
    if (tooEarly) throw badInput('input.reportedOn', tooEarly);
    if (supersedes && facts.correctedBy) {
      throw conflict(`Report ${toGlobalId('ProgressReport', supersedes.id)} was already corrected; correct the newer report instead`, {
        field: 'input.reportId',
        correctedBy: toGlobalId('ProgressReport', facts.correctedBy),
      });
    }
    const newReport = { ...fields, id: facts.newReportId, followUpId: target.followUpId, supersedesId: supersedes?.id ?? null, recordedBy: actor.name, now };
    const reportsAfter: ReportFact[] = [
      ...facts.reports.map((r) => (supersedes && String(r.sequence) === supersedes.id ? { ...r, superseded: true } : r)),
      { state: fields.state, reportedOn: fields.reportedOn, sequence: Number(facts.newReportId), superseded: false },
    ];
    const dueDate = facts.followUp.dueDate;
    const before = statusesOf(new Map([[target.followUpId, { dueDate, reports: facts.reports }]]), ctx.today, ctx.config.dueSoonDays);
    const after = statusesOf(new Map([[target.followUpId, { dueDate, reports: reportsAfter }]]), ctx.today, ctx.config.dueSoonDays);
    const base = { commitmentId: commitment.id, actor: actor.name, occurredAt: now };
    const appended = await appendEvents(m, [
      {
        ...base,
        followUpId: target.followUpId,
        kind: supersedes ? 'REPORT_CORRECTED' : 'PROGRESS_REPORTED',
        details: {
          reportId: toGlobalId('ProgressReport', newReport.id),
          state: newReport.state,
          reportedOn: newReport.reportedOn,
          sourceId: newReport.sourceId ? toGlobalId('Source', newReport.sourceId) : null,
          ...(supersedes ? { supersedes: toGlobalId('ProgressReport', supersedes.id), corrects: { state: supersedes.state, reportedOn: supersedes.reportedOn } } : {}),
        },
      },
      ...statusChangeEvents(before, after, base),
    ], reportInsertWrite(newReport));
    ctx.committedDataVersion = appended.dataVersion ?? undefined;
    const followUp = Object.assign(new FollowUpEntity(), facts.followUp, { firstClosedOn: firstClosedOn(reportsAfter) });
    return { report: insertedReport(newReport), followUp };
  });
}

/** follow_up.first_closed_on's rule (the trigger's): the earliest date among effective closing reports. */
function firstClosedOn(reports: readonly ReportFact[]): string | null {
  const dates = reports.filter((r) => !r.superseded && r.state !== 'IN_PROGRESS').map((r) => r.reportedOn).sort();
  return dates[0] ?? null;
}

export async function reportProgress(ctx: RequestContext, actor: Actor, input: ReportProgressInput): Promise<ReportOutcome> {
  const followUpId = expectGlobalId(input.followUpId, 'FollowUp', 'input.followUpId');
  const fields = checkReportFields(ctx, input);
  return record(ctx, actor, { followUpId, field: 'input.followUpId', globalId: input.followUpId }, fields);
}

/** Supersedes a report with a corrected one on the same follow-up; the old row stays, uncounted. */
export async function correctReport(ctx: RequestContext, actor: Actor, input: CorrectReportInput): Promise<ReportOutcome> {
  const reportId = expectGlobalId(input.reportId, 'ProgressReport', 'input.reportId');
  const fields = checkReportFields(ctx, input);
  const original = await ctx.db.getRepository(ProgressReportEntity).findOneBy({ id: reportId });
  if (!original) throw notFound('ProgressReport', input.reportId, 'input.reportId');
  return record(ctx, actor, { followUpId: original.followUpId, field: 'input.reportId', globalId: input.reportId }, fields, original);
}
