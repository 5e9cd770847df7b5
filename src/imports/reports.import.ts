import type { EntityManager } from 'typeorm';
import { bumpCommitment, lockCommitment } from '../commitments/commitment-write.repository';
import { REPORTED_STATES, ReportedState } from '../domain/status';
import { insertEvidence } from '../evidence/evidence-write.repository';
import { appendEvents } from '../events/event-log';
import { snapshotStatuses, statusChangeEvents } from '../events/status-changes';
import { toGlobalId } from '../graphql/global-id';
import { reportBeforeEngagementProblem } from '../domain/date-bounds';
import { latestPastDate, LIMITS } from '../graphql/validate';
import { idsByKey } from './import-keys.repository';
import { ImportEnv, ImportKind, planOf } from './import-kind';
import { readExternalIds, RowReader } from './row-reader';

interface Report {
  key: string;
  followUpId: string;
  commitmentId: string;
  state: ReportedState;
  reportedOn: string;
  note: string | null;
  sourceId: string | null;
  supersedesId: string | null;
  /** Further evidence beyond the report's own source (which is its first, as CONFIRMS). */
  evidence: { sourceId: string; stance: Stance }[];
}

type Stance = 'CONFIRMS' | 'OMITS' | 'CONTRADICTS';
const STANCES: readonly Stance[] = ['CONFIRMS', 'OMITS', 'CONTRADICTS'];

interface StoredReport {
  id: string;
  external_id: string;
  follow_up_id: string;
  state: string;
  reported_on: string;
  note: string | null;
  source_id: string | null;
  supersedes_id: string | null;
  corrected: boolean;
  evidence: string[];
}

/** The source keys named in a row's evidence cell ("src-1:CONFIRMS; src-2:CONTRADICTS"). */
function evidenceKeys(r: RowReader): string[] {
  return (r.list('evidence') ?? []).flatMap((item) => {
    const m = /^(.+):[A-Za-z]+$/.exec(item);
    return m ? [m[1].trim()] : [];
  });
}

interface FollowUpRow {
  id: string;
  commitment_id: string;
  due_date: string | null;
  engagement_held_on: string | null;
}

/** Records one report as reportProgress / correctReport would: the commitment locked, its version bumped, PROGRESS_REPORTED and STATUS_CHANGED logged. */
async function record(m: EntityManager, r: Report, env: ImportEnv): Promise<void> {
  const commitment = await lockCommitment(m, r.commitmentId, 'commitment_external_id');
  const before = await snapshotStatuses(m, [r.followUpId], env.today, env.dueSoonDays);
  const [{ id }] = await m.query(
    `INSERT INTO progress_report (follow_up_id, state, reported_on, note, source_id, supersedes_id, recorded_by, created_at, external_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text`,
    [r.followUpId, r.state, r.reportedOn, r.note, r.sourceId, r.supersedesId, env.actor.name, env.now, r.key],
  );
  // As reportProgress does: the report's source is its first piece of evidence.
  if (r.sourceId) await insertEvidence(m, { reportId: id, sourceId: r.sourceId, stance: 'CONFIRMS', note: null, recordedBy: env.actor.name, now: env.now });
  for (const e of r.evidence) await insertEvidence(m, { reportId: id, sourceId: e.sourceId, stance: e.stance, note: null, recordedBy: env.actor.name, now: env.now });
  await bumpCommitment(m, r.commitmentId, commitment.version, env.now);
  const after = await snapshotStatuses(m, [r.followUpId], env.today, env.dueSoonDays);
  const base = { commitmentId: r.commitmentId, actor: env.actor.name, occurredAt: env.now };
  await appendEvents(m, [
    {
      ...base, followUpId: r.followUpId, kind: r.supersedesId ? 'REPORT_CORRECTED' : 'PROGRESS_REPORTED',
      details: {
        imported: true, reportId: toGlobalId('ProgressReport', id), state: r.state, reportedOn: r.reportedOn,
        sourceId: r.sourceId ? toGlobalId('Source', r.sourceId) : null,
        ...(r.supersedesId ? { supersedes: toGlobalId('ProgressReport', r.supersedesId) } : {}),
      },
    },
    ...statusChangeEvents(before, after, base),
  ]);
}

/**
 * reports.csv: one progress report per row, on the follow-up of commitment_external_id (the one
 * due on follow_up_due_date when the commitment has several). Reports are never edited: a row
 * whose external_id is already recorded must say the same, and a correction is a row of its own
 * naming the report it corrects in corrects_external_id. source_external_id is the report's own
 * source (its first evidence, CONFIRMS); evidence lists more as SOURCE_EXTERNAL_ID:STANCE; evidence.
 */
export const reportsImport: ImportKind = {
  columns: {
    required: ['external_id', 'commitment_external_id', 'state', 'reported_on'],
    optional: ['follow_up_due_date', 'note', 'source_external_id', 'evidence', 'corrects_external_id'],
  },

  async plan(m, rows, env) {
    const keys = readExternalIds(rows);
    const cell = (r: RowReader, c: string) => r.source.cells[c]?.trim() || undefined;
    // One after another: they share the transaction's connection.
    const commitments = await idsByKey(m, 'commitment', [...new Set(rows.flatMap((r) => cell(r, 'commitment_external_id') ?? []))]);
    const sources = await idsByKey(m, 'source', [...new Set(rows.flatMap((r) => [...(cell(r, 'source_external_id') ? [cell(r, 'source_external_id')!] : []), ...evidenceKeys(r)]))]);
    const reportIds = await idsByKey(m, 'progress_report', [...new Set([...keys.values(), ...rows.flatMap((r) => cell(r, 'corrects_external_id') ?? [])])]);
    const followUps: FollowUpRow[] = await m.query(
      `SELECT f.id::text, f.commitment_id::text, f.due_date::text, e.held_on::text AS engagement_held_on
         FROM follow_up f JOIN commitment c ON c.id = f.commitment_id LEFT JOIN engagement e ON e.id = c.engagement_id
        WHERE f.commitment_id = ANY($1::bigint[]) ORDER BY f.id`,
      [[...commitments.values()]],
    );
    const stored = new Map<string, StoredReport>(
      (
        await m.query(
          `SELECT r.id::text, r.external_id, r.follow_up_id::text, r.state, r.reported_on::text, r.note, r.source_id::text, r.supersedes_id::text,
                  EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id) AS corrected,
                  ARRAY(SELECT e.source_id || ':' || e.stance FROM evidence e WHERE e.progress_report_id = r.id ORDER BY e.id) AS evidence
             FROM progress_report r WHERE r.id = ANY($1::bigint[])`,
          [[...reportIds.values()]],
        )
      ).map((r: StoredReport) => [r.id, r]),
    );

    const creates: Report[] = [];
    let unchanged = 0;
    const correctedInFile = new Map<string, number>();
    for (const r of rows) {
      const key = keys.get(r);
      const commitmentKey = r.required('commitment_external_id', 200);
      const state = r.oneOf('state', REPORTED_STATES);
      if (state === null) r.problem('state', `is required: one of ${REPORTED_STATES.join(', ')}`);
      const reportedOn = r.date('reported_on', latestPastDate(env.today));
      if (reportedOn === null) r.problem('reported_on', 'is required: the date it happened, YYYY-MM-DD');
      const note = r.text('note', LIMITS.note, true) ?? null;
      const dueDate = r.date('follow_up_due_date');
      const sourceKey = cell(r, 'source_external_id');
      const sourceId = sourceKey ? sources.get(sourceKey) : null;
      if (sourceKey && sourceId === undefined) r.problem('source_external_id', `no source has external_id "${sourceKey}"; import the sources file first`);
      const commitmentId = commitmentKey ? commitments.get(commitmentKey) : undefined;
      if (commitmentKey && commitmentId === undefined) r.problem('commitment_external_id', `no commitment has external_id "${commitmentKey}"; import the commitments file first`);

      let followUp: FollowUpRow | undefined;
      if (commitmentId !== undefined) {
        const candidates = followUps.filter((f) => f.commitment_id === commitmentId && (dueDate ? f.due_date === dueDate : true));
        if (candidates.length === 1) followUp = candidates[0];
        else if (!candidates.length) r.problem(dueDate ? 'follow_up_due_date' : 'commitment_external_id', dueDate ? `the commitment has no follow-up due on ${dueDate}` : 'the commitment has no follow-up');
        else r.problem('follow_up_due_date', dueDate ? `several follow-ups are due on ${dueDate}` : 'the commitment has several follow-ups: give the due date of the one this report is about');
      }

      // As reportProgress: nothing can be reported before the engagement the promise was made at.
      const beforeEngagement = followUp && reportedOn ? reportBeforeEngagementProblem(reportedOn, followUp.engagement_held_on) : null;
      if (beforeEngagement) r.problem('reported_on', beforeEngagement);
      const correctsKey = cell(r, 'corrects_external_id');
      let supersedesId: string | null = null;
      if (correctsKey) {
        const target = reportIds.has(correctsKey) ? stored.get(reportIds.get(correctsKey)!) : undefined;
        if (!target) r.problem('corrects_external_id', `no report has external_id "${correctsKey}"; import the report it corrects first`);
        else if (followUp && target.follow_up_id !== followUp.id) r.problem('corrects_external_id', 'that report is about another follow-up');
        else if (correctedInFile.has(target.id)) r.problem('corrects_external_id', `row ${correctedInFile.get(target.id)} already corrects that report`);
        else {
          supersedesId = target.id;
          correctedInFile.set(target.id, r.row);
        }
      }
      const evidence: Report['evidence'] = [];
      let evidenceOk = true;
      for (const item of r.list('evidence') ?? []) {
        const m2 = /^(.+):(CONFIRMS|OMITS|CONTRADICTS)$/i.exec(item);
        const id = m2 ? sources.get(m2[1].trim()) : undefined;
        if (!m2) r.problem('evidence', `"${item}" is not SOURCE_EXTERNAL_ID:STANCE (stance one of ${STANCES.join(', ')})`);
        else if (id === undefined) r.problem('evidence', `no source has external_id "${m2[1].trim()}"; import the sources file first`);
        if (!m2 || id === undefined) {
          evidenceOk = false;
          continue;
        }
        evidence.push({ sourceId: id, stance: m2[2].toUpperCase() as Stance });
      }
      if (key === undefined || !state || !reportedOn || !followUp || beforeEngagement || sourceId === undefined || (correctsKey && !supersedesId) || !evidenceOk) continue;

      const existingId = reportIds.get(key);
      if (existingId !== undefined) {
        const s = stored.get(existingId)!;
        const wantedEvidence = [...(sourceId ? [`${sourceId}:CONFIRMS`] : []), ...evidence.map((e) => `${e.sourceId}:${e.stance}`)];
        // Evidence added later through the API (addEvidence) is kept: the row must only not ask for evidence that is missing.
        const evidenceRecorded = wantedEvidence.every((e) => s.evidence.includes(e));
        const same = s.follow_up_id === followUp.id && s.state === state && s.reported_on === reportedOn && s.note === note && s.source_id === sourceId && s.supersedes_id === supersedesId && evidenceRecorded;
        if (same) unchanged++;
        else r.problem('external_id', `report "${key}" is already recorded with other values; reports are never edited: add a row with a new external_id and corrects_external_id "${key}"`);
        if (supersedesId) correctedInFile.delete(supersedesId);
        continue;
      }
      if (supersedesId && stored.get(supersedesId)!.corrected) {
        r.problem('corrects_external_id', `report "${correctsKey}" was already corrected; correct the newer report instead`);
        continue;
      }
      creates.push({ key, followUpId: followUp.id, commitmentId: followUp.commitment_id, state, reportedOn, note, sourceId, supersedesId, evidence });
    }
    return planOf({ created: creates.length, updated: 0, unchanged }, async () => {
      for (const report of creates) await record(m, report, env);
    });
  },
};
