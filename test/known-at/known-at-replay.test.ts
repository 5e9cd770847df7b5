import fc from 'fast-check';
import { addDays, CalendarDate } from '../../src/domain/dates';
import { KnownWorld, RecordedFact, replayKnownAt } from '../../src/domain/known-at';
import { CountedFollowUp, followThroughTotals } from '../../src/domain/follow-through';
import { commitmentStatus, completedOn, decidingReport, followUpStatus, nextDueDate, REPORTED_STATES, ReportedState, Status, STATUSES } from '../../src/domain/status';
import { STANCES, Stance, verification } from '../../src/domain/verification';
import { evidenceOfReports, reportVerifications } from '../../src/evidence/evidence.repository';
import { updateFollowUp } from '../../src/commitments/commitment-write.repository';
import { commitmentAggregates, pageOfCommitments } from '../../src/commitments/commitment.repository';
import type { CommitmentCriteria } from '../../src/commitments/commitment-criteria';
import { followThroughNumbers } from '../../src/follow-through/follow-through.repository';
import { completedOnDates, followUpsByIds, followUpStatuses, followUpVerifications, originalDueDates, pageOfFollowUps } from '../../src/follow-ups/follow-up.repository';
import { reportsOfFollowUps } from '../../src/progress-reports/progress-report.repository';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createCommitment, createEngagement, createEvidence, createFollowUp, createParty, createReport, createSource } from '../support/factories';

/**
 * The knownAt SQL against a pure replay of what was recorded (src/domain/known-at.ts): random
 * histories of commitments, follow-ups, deadline moves, reports, corrections and evidence (from a
 * source affiliated with the obligor or an independent one), each at its own
 * instant, are written to Postgres; then at every instant, between every two, before the first
 * and without knownAt, every knownAt-aware query must give what the status rules give on the
 * replayed facts. Each history gets its own engagement and party, which scope the queries.
 */
const DUE_SOON_DAYS = 14;
const DAYS: CalendarDate[] = Array.from({ length: 12 }, (_, k) => addDays('2026-01-01', k * 5));
const T0 = Date.parse('2026-01-01T00:00:00Z');

type Step =
  | { kind: 'commitment' }
  | { kind: 'followUp'; commitment: number; dueDate: CalendarDate | null }
  | { kind: 'move'; followUp: number; dueDate: CalendarDate | null }
  | { kind: 'report'; followUp: number; state: ReportedState; reportedOn: CalendarDate; correct: number | null }
  | { kind: 'evidence'; report: number; stance: Stance; independent: boolean };

const day = fc.constantFrom(...DAYS);
const dueDate = fc.option(day, { freq: 5 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'commitment' }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('followUp' as const), commitment: fc.nat(), dueDate }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), followUp: fc.nat(), dueDate }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('report' as const), followUp: fc.nat(), state: fc.constantFrom(...REPORTED_STATES), reportedOn: day,
      correct: fc.option(fc.nat(), { freq: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('evidence' as const), report: fc.nat(), stance: fc.constantFrom(...STANCES), independent: fc.boolean() }),
  },
);
const history = fc.record({
  steps: fc.array(step, { minLength: 2, maxLength: 12 }),
  asOfs: fc.array(day, { minLength: 2, maxLength: 2 }),
  statuses: fc.subarray([...STATUSES], { minLength: 1 }),
});

let database: TestDatabase;
let runs = 0;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

interface Written {
  log: RecordedFact[];
  instants: number[];
  engagementId: string;
  partyId: string;
  partyCode: string;
  commitmentIds: string[];
  followUpIds: string[];
  reportIds: string[];
}

/** Writes the steps, each at its own instant, and returns what was recorded. */
async function write(steps: Step[]): Promise<Written> {
  const db = database.db;
  const run = runs++;
  const partyCode = String.fromCharCode(65 + Math.floor(run / 26) % 26, 65 + (run % 26));
  const w: Written = {
    log: [], instants: [], engagementId: await createEngagement(db), partyId: await createParty(db, partyCode), partyCode, commitmentIds: [], followUpIds: [], reportIds: [],
  };
  // The obligor's own outlet, and one that speaks for no party.
  const sources = { obligor: await createSource(db, { affiliationPartyId: w.partyId }), independent: await createSource(db) };
  const reportsOf = new Map<string, { sequence: number; corrected: boolean }[]>();
  for (const [i, s] of [{ kind: 'commitment' } as Step, ...steps].entries()) {
    const at = T0 + (i + 1) * 60_000 + run * 3_600_000;
    const createdAt = new Date(at);
    if (s.kind === 'commitment') {
      const commitmentId = await createCommitment(db, { engagementId: w.engagementId, partyIds: [w.partyId], createdAt });
      w.commitmentIds.push(commitmentId);
      w.log.push({ kind: 'COMMITMENT_RECORDED', at, commitmentId });
    } else if (s.kind === 'followUp') {
      const commitmentId = w.commitmentIds[s.commitment % w.commitmentIds.length];
      const followUpId = await createFollowUp(db, { commitmentId, dueDate: s.dueDate, createdAt });
      w.followUpIds.push(followUpId);
      reportsOf.set(followUpId, []);
      w.log.push({ kind: 'FOLLOW_UP_RECORDED', at, commitmentId, followUpId, dueDate: s.dueDate });
    } else if (s.kind === 'evidence') {
      if (!w.reportIds.length) continue;
      const reportId = w.reportIds[s.report % w.reportIds.length];
      await createEvidence(db, { reportId, sourceId: s.independent ? sources.independent : sources.obligor, stance: s.stance, recordedAt: createdAt });
      w.log.push({ kind: 'EVIDENCE_RECORDED', at, reportSequence: Number(reportId), evidence: { stance: s.stance, affiliationPartyId: s.independent ? null : w.partyId } });
    } else if (!w.followUpIds.length) {
      continue;
    } else if (s.kind === 'move') {
      const followUpId = w.followUpIds[s.followUp % w.followUpIds.length];
      await updateFollowUp(db.manager, followUpId, { dueDate: s.dueDate }, createdAt);
      w.log.push({ kind: 'DUE_DATE_MOVED', at, followUpId, dueDate: s.dueDate });
    } else {
      const followUpId = w.followUpIds[s.followUp % w.followUpIds.length];
      const open = reportsOf.get(followUpId)!.filter((r) => !r.corrected);
      const target = s.correct !== null && open.length ? open[s.correct % open.length] : null;
      const id = await createReport(db, { followUpId, state: s.state, reportedOn: s.reportedOn, supersedesId: target ? String(target.sequence) : null, createdAt });
      if (target) target.corrected = true;
      reportsOf.get(followUpId)!.push({ sequence: Number(id), corrected: false });
      w.reportIds.push(id);
      w.log.push({ kind: 'REPORT_RECORDED', at, followUpId, sequence: Number(id), state: s.state, reportedOn: s.reportedOn, corrects: target?.sequence ?? null });
    }
    w.instants.push(at);
  }
  return w;
}

/** The instants to ask at: before everything, at and just after every write, and now (null). */
function instantsToAsk(w: Written): (number | null)[] {
  return [w.instants[0] - 1, ...w.instants.flatMap((t) => [t, t + 30_000]), null];
}

const byNextDueThenId = (a: { id: string; next: CalendarDate | null }, b: { id: string; next: CalendarDate | null }) =>
  a.next === b.next ? Number(a.id) - Number(b.id) : a.next === null ? 1 : b.next === null ? -1 : a.next < b.next ? -1 : 1;

function pureAnswers(world: KnownWorld, asOf: CalendarDate, obligors: ReadonlySet<string>) {
  const verificationOf = (sequence: number) => verification(world.evidence.get(sequence) ?? [], obligors);
  const followUps = [...world.followUps.values()].map((f) => {
    const deciding = decidingReport(f.reports, asOf);
    const counted: CountedFollowUp = { ...f, reports: f.reports.map((r) => ({ ...r, verification: verificationOf(r.sequence) })) };
    return { ...f, counted, status: followUpStatus(f, asOf, DUE_SOON_DAYS), verification: deciding ? verificationOf(deciding.sequence) : null };
  });
  const commitments = [...world.commitments].map(([id, fs]) => ({
    id,
    status: commitmentStatus(fs.map((f) => followUpStatus(f, asOf, DUE_SOON_DAYS))),
    next: nextDueDate(fs, asOf, DUE_SOON_DAYS),
  })).sort(byNextDueThenId);
  return { followUps, commitments };
}

it('answers every knownAt query as the replay of what was recorded up to that instant', async () => {
  await fc.assert(
    fc.asyncProperty(history, async ({ steps, asOfs, statuses }) => {
      const w = await write(steps);
      const db = database.db;
      for (const k of instantsToAsk(w)) {
        const knownAt = k === null ? null : new Date(k).toISOString();
        const world = replayKnownAt(w.log, k ?? Number.POSITIVE_INFINITY);
        const label = { knownAt };

        const rows = await followUpsByIds(db, w.followUpIds, knownAt);
        expect({ ...label, dueDates: new Map(rows.map((r) => [r.id, r.dueDate])) })
          .toEqual({ ...label, dueDates: new Map([...world.followUps.values()].map((f) => [f.id, f.dueDate])) });

        const completed = await completedOnDates(db, [...world.followUps.keys()], knownAt);
        for (const f of world.followUps.values()) expect({ ...label, id: f.id, completedOn: completed.get(f.id) }).toEqual({ ...label, id: f.id, completedOn: completedOn(f) });

        const reports = await reportsOfFollowUps(db, w.followUpIds, knownAt);
        const knownReports = [...world.followUps.values()].flatMap((f) => f.reports.map((r) => r.sequence)).sort((a, b) => a - b);
        expect({ ...label, reports: reports.map((r) => Number(r.id)).sort((a, b) => a - b) }).toEqual({ ...label, reports: knownReports });

        const evidence = await evidenceOfReports(db, w.reportIds, knownAt);
        const verifications = await reportVerifications(db, knownReports.map(String), knownAt);
        for (const sequence of knownReports) {
          const known = world.evidence.get(sequence) ?? [];
          expect({ ...label, sequence, stances: evidence.filter((e) => e.reportId === String(sequence)).map((e) => e.stance), verification: verifications.get(String(sequence)) })
            .toEqual({ ...label, sequence, stances: known.map((e) => e.stance), verification: verification(known, new Set([w.partyId])) });
        }

        for (const asOf of asOfs) {
          const at = { knownAt, asOf };
          const pure = pureAnswers(world, asOf, new Set([w.partyId]));

          const sqlStatuses = await followUpStatuses(db, w.followUpIds, asOf, DUE_SOON_DAYS, knownAt);
          expect({ ...at, statuses: sqlStatuses }).toEqual({ ...at, statuses: new Map(pure.followUps.map((f) => [f.id, f.status])) });
          const sqlVerifications = await followUpVerifications(db, w.followUpIds, asOf, knownAt);
          expect({ ...at, verifications: sqlVerifications })
            .toEqual({ ...at, verifications: new Map(pure.followUps.filter((f) => f.verification !== null).map((f) => [f.id, f.verification])) });

          const aggregates = await commitmentAggregates(db, pure.commitments.map((c) => c.id), asOf, DUE_SOON_DAYS, knownAt);
          for (const c of pure.commitments) {
            expect({ ...at, id: c.id, ...aggregates.get(c.id) }).toEqual({ ...at, id: c.id, status: c.status, nextDueDate: c.next });
          }

          // Both ways of paging commitments: from the engagement's commitments, and from due dates (a party).
          const none: CommitmentCriteria = {
            statuses: null, partyIds: null, involvingPartyIds: null, kinds: null, sourceId: null, stances: null, engagementId: null, dueFrom: null, dueTo: null, searchPatterns: [],
          };
          const page = { limit: 100, after: null };
          const byEngagement = await pageOfCommitments(db, { ...none, engagementId: w.engagementId }, asOf, DUE_SOON_DAYS, page, { knownAt });
          expect({ ...at, total: byEngagement.total, rows: byEngagement.rows.map((r) => ({ id: r.id, status: r.status, next: r.nextDueDate })) })
            .toEqual({ ...at, total: pure.commitments.length, rows: pure.commitments });
          const byParty = await pageOfCommitments(db, { ...none, partyIds: [w.partyId], statuses }, asOf, DUE_SOON_DAYS, page, { knownAt });
          const wanted = pure.commitments.filter((c) => statuses.includes(c.status));
          expect({ ...at, statuses, total: byParty.total, ids: byParty.rows.map((r) => r.id) })
            .toEqual({ ...at, statuses, total: wanted.length, ids: wanted.map((c) => c.id) });

          const followUpPage = await pageOfFollowUps(db, { statuses, partyIds: [w.partyId], commitmentId: null, engagementId: null, kinds: null, dueFrom: null, dueTo: null }, asOf, DUE_SOON_DAYS, page, knownAt);
          const wantedFollowUps = pure.followUps.filter((f) => statuses.includes(f.status))
            .sort((a, b) => byNextDueThenId({ id: a.id, next: a.dueDate }, { id: b.id, next: b.dueDate }));
          expect({ ...at, statuses, total: followUpPage.total, rows: followUpPage.rows.map((r) => ({ id: r.id, dueDate: r.dueDate, status: r.status })) })
            .toEqual({ ...at, statuses, total: wantedFollowUps.length, rows: wantedFollowUps.map((f) => ({ id: f.id, dueDate: f.dueDate, status: f.status })) });

          const numbers = await followThroughNumbers(db, { partyCode: w.partyCode, engagementId: null, kinds: null }, asOf, DUE_SOON_DAYS, { corroborated: true, knownAt });
          const { total: _total, byStatus, ...totals } = numbers;
          expect({ ...at, byStatus, totals }).toEqual({
            ...at,
            byStatus: STATUSES.map((status: Status) => ({ status, count: pure.commitments.filter((c) => c.status === status).length })),
            totals: followThroughTotals(pure.followUps.map((f) => f.counted), asOf, DUE_SOON_DAYS),
          });
        }
      }
      const original = await originalDueDates(db, w.followUpIds);
      const first = replayKnownAt(w.log.filter((f) => f.kind !== 'DUE_DATE_MOVED'), Number.POSITIVE_INFINITY);
      for (const id of w.followUpIds) expect({ id, original: original.get(id) }).toEqual({ id, original: first.followUps.get(id)!.dueDate });
    }),
    { numRuns: 20 },
  );
}, 300_000);
