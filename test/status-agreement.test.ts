import { addDays, CalendarDate } from '../src/domain/dates';
import {
  commitmentStatus, completedOn, decidingReport, FollowUpFacts, followUpStatus, nextDueDate, REPORTED_STATES, ReportFact, Status, STATUSES,
} from '../src/domain/status';
import { commitmentAggregates, pageOfCommitments } from '../src/commitments/commitment.repository';
import type { CommitmentCriteria } from '../src/commitments/commitment-criteria';
import { followThroughNumbers } from '../src/follow-through/follow-through.repository';
import { bindStatusParams, commitmentStatusFilterSql, completedOnSql, followUpStatusFilterSql, followUpStatusSql, nextDueSql } from '../src/follow-ups/follow-up-status.sql';
import { COMMITMENT_KINDS, CommitmentKind } from '../src/domain/commitment-kinds';
import { followThroughTotals, followUpCounts } from '../src/domain/follow-through';
import { EvidenceFact, verification } from '../src/domain/verification';
import { createTestDatabase, TestDatabase } from './support/database';
import { createCommitment, createEngagement, createEvidence, createFollowUp, createParty, createReport, createSource } from './support/factories';

/**
 * The status rules exist twice: as SQL (src/follow-ups/follow-up-status.sql.ts) and as pure
 * functions (src/domain/status.ts). Random follow-ups and report histories, including same-day
 * ties and superseded reports, must get the same answers from both, for many dates.
 */

// A small seeded PRNG (mulberry32): the same world on every run, and a failure can be replayed.
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

const SEED = 20260107;
const START: CalendarDate = '2026-01-01';
const rnd = prng(SEED);
// Few distinct days, so reports and due dates often fall on the same day (ties) and on asOf itself.
const day = () => addDays(START, rnd.int(0, 40) * 3);

interface WorldReport extends ReportFact {
  id: string;
  evidence: EvidenceFact[];
}

interface World {
  commitments: {
    id: string;
    kind: CommitmentKind;
    engagementId: string | null;
    obligorIds: string[];
    followUps: { id: string; facts: { dueDate: CalendarDate | null; reports: WorldReport[] } }[];
  }[];
  /** Closing reports withdrawn by an IN_PROGRESS correction (correctReport's withdrawal). */
  withdrawals: number;
  partyIds: string[];
  engagementIds: string[];
}

async function buildWorld(database: TestDatabase): Promise<World> {
  const db = database.db;
  const world: World = { commitments: [], withdrawals: 0, partyIds: [], engagementIds: [] };
  let followUpCount = 0;
  while (followUpCount < 600) {
    const commitmentId = await createCommitment(db);
    const followUps: World['commitments'][number]['followUps'] = [];
    const n = rnd.pick([0, 1, 1, 2, 3, 5, 8]);
    for (let i = 0; i < n; i++) {
      const dueDate = rnd.next() < 0.2 ? null : day();
      const id = await createFollowUp(db, { commitmentId, dueDate });
      const reports: WorldReport[] = [];
      const reportIds: string[] = [];
      for (let r = rnd.pick([0, 0, 1, 1, 2, 3, 5]); r > 0; r--) {
        const state = rnd.pick(REPORTED_STATES);
        const reportedOn = day();
        // A correction: supersede an earlier report of this follow-up that nothing supersedes yet.
        const open = reports.map((rep, k) => ({ rep, k })).filter(({ rep }) => !rep.superseded);
        const target = open.length && rnd.next() < 0.25 ? rnd.pick(open) : null;
        const reportId = await createReport(db, { followUpId: id, state, reportedOn, supersedesId: target ? reportIds[target.k] : null });
        if (target) target.rep.superseded = true;
        if (target && state === 'IN_PROGRESS' && target.rep.state !== 'IN_PROGRESS') world.withdrawals++;
        reports.push({ id: reportId, state, reportedOn, sequence: Number(reportId), superseded: false, evidence: [] });
        reportIds.push(reportId);
      }
      followUps.push({ id, facts: { dueDate, reports } });
    }
    world.commitments.push({ id: commitmentId, kind: 'PLEDGE', engagementId: null, obligorIds: [], followUps });
    followUpCount += n;
  }
  await giveKindsPartiesAndEvidence(db, world);
  return world;
}

/**
 * Who promised what and who says so, added to the world with a PRNG of its own (so the status
 * world above is the same on every run): each commitment a kind, an engagement or none, and
 * obligors and other parties among three; each report 0-3 pieces of evidence from sources
 * speaking for one of the parties or for none.
 */
async function giveKindsPartiesAndEvidence(db: TestDatabase['db'], world: World): Promise<void> {
  const r = prng(SEED + 1);
  const parties = [await createParty(db, 'PK'), await createParty(db, 'CN'), await createParty(db, 'US')];
  world.partyIds = parties;
  world.engagementIds = [await createEngagement(db), await createEngagement(db)];
  const sources: { id: string; affiliationPartyId: string | null }[] = [];
  for (const affiliationPartyId of [null, null, ...parties]) sources.push({ id: await createSource(db, { affiliationPartyId }), affiliationPartyId });
  for (const c of world.commitments) {
    c.kind = r.pick(COMMITMENT_KINDS);
    c.engagementId = r.next() < 0.3 ? null : r.pick(world.engagementIds);
    const shuffled = [...parties].sort(() => r.next() - 0.5);
    c.obligorIds = shuffled.slice(0, r.int(1, 2));
    await db.query(`UPDATE commitment SET kind = $2, engagement_id = $3 WHERE id = $1`, [c.id, c.kind, c.engagementId]);
    for (const partyId of c.obligorIds) await db.query(`INSERT INTO commitment_party (commitment_id, party_id, role) VALUES ($1, $2, 'OBLIGOR')`, [c.id, partyId]);
    for (const partyId of shuffled.slice(c.obligorIds.length)) {
      const role = r.pick(['BENEFICIARY', 'HOST', null] as const);
      if (role) await db.query(`INSERT INTO commitment_party (commitment_id, party_id, role) VALUES ($1, $2, $3)`, [c.id, partyId, role]);
    }
    for (const f of c.followUps) {
      for (const report of f.facts.reports) {
        for (let n = r.pick([0, 1, 1, 2, 3]); n > 0; n--) {
          const source = r.pick(sources);
          const stance = r.pick(['CONFIRMS', 'CONFIRMS', 'CONFIRMS', 'OMITS', 'CONTRADICTS'] as const);
          await createEvidence(db, { reportId: report.id, sourceId: source.id, stance });
          report.evidence.push({ stance, affiliationPartyId: source.affiliationPartyId });
        }
      }
    }
  }
}

/** A follow-up's reports as followThroughTotals counts them, each with its verification. */
const counted = (c: World['commitments'][number]) =>
  c.followUps.map((f) => ({
    dueDate: f.facts.dueDate,
    reports: f.facts.reports.map((rep) => ({ ...rep, verification: verification(rep.evidence, new Set(c.obligorIds)) })),
  }));

/** The reports that close a follow-up and still count. */
const effectiveClosing = (f: FollowUpFacts) => f.reports.filter((r) => !r.superseded && r.state !== 'IN_PROGRESS');

const sorted = (xs: Iterable<string>) => [...xs].sort((a, b) => Number(a) - Number(b));

describe('status in SQL agrees with the pure status rules', () => {
  let database: TestDatabase;
  let world: World;
  const followUps = () => world.commitments.flatMap((c) => c.followUps);
  // Dates before, inside and after the generated range; each with a dueSoonDays.
  const cases: { asOf: CalendarDate; dueSoonDays: number }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    for (let i = 0; i < 10; i++) cases.push({ asOf: i === 0 ? '2025-12-01' : i === 9 ? '2026-06-30' : day(), dueSoonDays: rnd.pick([0, 7, 14, 30]) });
  }, 120_000);
  afterAll(() => database.drop());

  it('generated at least 500 follow-ups with reports of every state, ties and corrections', () => {
    const all = followUps();
    expect(all.length).toBeGreaterThanOrEqual(500);
    const reports = all.flatMap((f) => f.facts.reports);
    for (const state of REPORTED_STATES) expect(reports.some((r) => r.state === state)).toBe(true);
    expect(reports.some((r) => r.superseded)).toBe(true);
    expect(all.some((f) => new Set(f.facts.reports.map((r) => r.reportedOn)).size < f.facts.reports.length)).toBe(true);
    expect(world.withdrawals).toBeGreaterThan(0);
    // Effective closing reports on several days: an asOf between them reads reports, not the cache.
    expect(all.some((f) => new Set(effectiveClosing(f.facts).map((r) => r.reportedOn)).size > 1)).toBe(true);
  });

  it('keeps each follow-up\'s cached closing facts equal to those of its effective closing reports', async () => {
    const rows: { id: string; first_closed_on: string | null; last_closed_on: string | null; last_closed_state: string | null; first_done_on: string | null; first_reported_on: string | null }[] =
      await database.db.query('SELECT id, first_closed_on, last_closed_on, last_closed_state, first_done_on, first_reported_on FROM follow_up');
    const cached = new Map(rows.map(({ id, ...facts }) => [id, facts]));
    for (const f of followUps()) {
      const closing = effectiveClosing(f.facts);
      const latest = decidingReport(closing, '9999-12-31');
      const dates = closing.map((r) => r.reportedOn).sort();
      const doneDates = closing.filter((r) => r.state === 'DONE').map((r) => r.reportedOn).sort();
      expect({ id: f.id, ...cached.get(f.id) }).toEqual({
        id: f.id,
        first_closed_on: dates[0] ?? null,
        last_closed_on: latest?.reportedOn ?? null,
        last_closed_state: latest?.state ?? null,
        first_done_on: doneDates[0] ?? null,
        first_reported_on: f.facts.reports.filter((r) => !r.superseded).map((r) => r.reportedOn).sort()[0] ?? null,
      });
    }
  });

  it('gives every follow-up the same status and completedOn, for every asOf', async () => {
    for (const { asOf, dueSoonDays } of cases) {
      const params: unknown[] = [];
      const p = bindStatusParams(params, asOf, dueSoonDays);
      const rows: { id: string; status: Status; completedOn: string | null }[] = await database.db.query(
        `SELECT f.id, ${followUpStatusSql('f', p)} AS status, ${completedOnSql('f', p)} AS "completedOn" FROM follow_up f`,
        params,
      );
      const sql = new Map(rows.map((r) => [r.id, r]));
      for (const f of followUps()) {
        expect({ asOf, id: f.id, status: sql.get(f.id)!.status }).toEqual({ asOf, id: f.id, status: followUpStatus(f.facts, asOf, dueSoonDays) });
        expect(sql.get(f.id)!.completedOn).toBe(completedOn(f.facts));
      }
    }
  });

  it('gives the same answers through the relations known at an instant after every write (knownAt) as through the tables', async () => {
    const knownAt = new Date().toISOString();
    const ids = world.commitments.map((c) => c.id);
    for (const { asOf, dueSoonDays } of cases.slice(0, 5)) {
      const params: unknown[] = [];
      const p = bindStatusParams(params, asOf, dueSoonDays, knownAt);
      const rows: { id: string; status: Status; completedOn: string | null }[] = await database.db.query(
        `SELECT f.id, ${followUpStatusSql('f', p)} AS status, ${completedOnSql('f', p)} AS "completedOn" FROM ${p.followUp} f`,
        params,
      );
      expect(rows.length).toBe(followUps().length);
      const sql = new Map(rows.map((r) => [r.id, r]));
      for (const f of followUps()) {
        expect({ asOf, id: f.id, ...sql.get(f.id) }).toEqual({ asOf, id: f.id, status: followUpStatus(f.facts, asOf, dueSoonDays), completedOn: completedOn(f.facts) });
      }
      const aggregates = await commitmentAggregates(database.db, ids, asOf, dueSoonDays, knownAt);
      for (const c of world.commitments) {
        const facts = c.followUps.map((f) => f.facts);
        expect({ asOf, id: c.id, ...aggregates.get(c.id) }).toEqual({
          asOf, id: c.id, status: commitmentStatus(facts.map((f) => followUpStatus(f, asOf, dueSoonDays))), nextDueDate: nextDueDate(facts, asOf, dueSoonDays),
        });
      }
    }
  });

  it('selects exactly the follow-ups with the asked statuses through the index-friendly filter', async () => {
    for (const { asOf, dueSoonDays } of cases) {
      const statusSets: Status[][] = [...STATUSES.map((s) => [s]), [rnd.pick(STATUSES), rnd.pick(STATUSES), rnd.pick(STATUSES)], [...STATUSES]];
      for (const statuses of statusSets) {
        const params: unknown[] = [];
        const p = bindStatusParams(params, asOf, dueSoonDays);
        const rows: { id: string }[] = await database.db.query(`SELECT f.id FROM follow_up f WHERE ${followUpStatusFilterSql('f', statuses, p)}`, params);
        const expected = followUps().filter((f) => statuses.includes(followUpStatus(f.facts, asOf, dueSoonDays))).map((f) => f.id);
        expect({ asOf, statuses, ids: sorted(rows.map((r) => r.id)) }).toEqual({ asOf, statuses, ids: sorted(expected) });
      }
    }
  });

  it('gives every commitment the same status and next due date, and the same answer to a status filter', async () => {
    const ids = world.commitments.map((c) => c.id);
    for (const { asOf, dueSoonDays } of cases) {
      const aggregates = await commitmentAggregates(database.db, ids, asOf, dueSoonDays);
      const pure = new Map(world.commitments.map((c) => {
        const facts = c.followUps.map((f) => f.facts);
        return [c.id, { status: commitmentStatus(facts.map((f) => followUpStatus(f, asOf, dueSoonDays))), nextDueDate: nextDueDate(facts, asOf, dueSoonDays) }];
      }));
      for (const id of ids) expect({ asOf, id, ...aggregates.get(id) }).toEqual({ asOf, id, ...pure.get(id) });

      for (const statuses of [...STATUSES.map((s) => [s]), [rnd.pick(STATUSES), rnd.pick(STATUSES)]] as Status[][]) {
        const params: unknown[] = [];
        const p = bindStatusParams(params, asOf, dueSoonDays);
        const rows: { id: string }[] = await database.db.query(
          `SELECT c.id FROM commitment c CROSS JOIN LATERAL (SELECT ${nextDueSql('c', p)} AS next_due) nd
            WHERE ${commitmentStatusFilterSql('c', 'nd.next_due', statuses, p)}`,
          params,
        );
        const expected = ids.filter((id) => statuses.includes(pure.get(id)!.status));
        expect({ asOf, statuses, ids: sorted(rows.map((r) => r.id)) }).toEqual({ asOf, statuses, ids: sorted(expected) });
      }
    }
  });

  it('orders and pages commitments by next due date (none last), then id, as the pure rules would', async () => {
    for (const { asOf, dueSoonDays } of cases.slice(0, 4)) {
      const pure = world.commitments.map((c) => ({ id: c.id, next: nextDueDate(c.followUps.map((f) => f.facts), asOf, dueSoonDays) }));
      pure.sort((a, b) => (a.next === b.next ? Number(a.id) - Number(b.id) : a.next === null ? 1 : b.next === null ? -1 : a.next < b.next ? -1 : 1));
      const criteria: CommitmentCriteria = { statuses: null, partyIds: null, involvingPartyIds: null, kinds: null, sourceId: null, stances: null, engagementId: null, dueFrom: null, dueTo: null, searchPatterns: [] };
      const seen: string[] = [];
      let after: (string | null)[] | null = null;
      for (;;) {
        const { rows, total } = await pageOfCommitments(database.db, criteria, asOf, dueSoonDays, { limit: 37, after });
        expect(total).toBe(pure.length);
        seen.push(...rows.slice(0, 37).map((r) => r.id));
        if (rows.length <= 37) break;
        const last = rows[36];
        after = [last.nextDueDate, last.id];
      }
      expect(seen).toEqual(pure.map((c) => c.id));
    }
  });

  it('orders, pages and counts commitments filtered by status as the pure rules would', async () => {
    const statusSets: Status[][] = [
      ...STATUSES.map((s) => [s]),
      ['OVERDUE', 'DUE_SOON'], ['DUE_SOON', 'SCHEDULED'], ['OVERDUE', 'SCHEDULED'], ['SCHEDULED', 'UNDATED', 'DONE'], ['OVERDUE', 'MISSED', 'CANCELLED'],
    ];
    for (const { asOf, dueSoonDays } of cases.slice(0, 4)) {
      const pure = world.commitments.map((c) => {
        const facts = c.followUps.map((f) => f.facts);
        return { id: c.id, next: nextDueDate(facts, asOf, dueSoonDays), status: commitmentStatus(facts.map((f) => followUpStatus(f, asOf, dueSoonDays))) };
      });
      pure.sort((a, b) => (a.next === b.next ? Number(a.id) - Number(b.id) : a.next === null ? 1 : b.next === null ? -1 : a.next < b.next ? -1 : 1));
      for (const statuses of statusSets) {
        const expected = pure.filter((c) => statuses.includes(c.status)).map((c) => c.id);
        const criteria: CommitmentCriteria = { statuses, partyIds: null, involvingPartyIds: null, kinds: null, sourceId: null, stances: null, engagementId: null, dueFrom: null, dueTo: null, searchPatterns: [] };
        const seen: string[] = [];
        let after: (string | null)[] | null = null;
        for (;;) {
          const { rows, total } = await pageOfCommitments(database.db, criteria, asOf, dueSoonDays, { limit: 7, after }, { withTotal: after === null });
          expect({ asOf, statuses, total }).toEqual({ asOf, statuses, total: after === null ? expected.length : null });
          expect(rows.every((r) => statuses.includes(r.status))).toBe(true);
          seen.push(...rows.slice(0, 7).map((r) => r.id));
          if (rows.length <= 7) break;
          after = [rows[6].nextDueDate, rows[6].id];
        }
        expect({ asOf, statuses, seen }).toEqual({ asOf, statuses, seen: expected });
      }
    }
  });

  it('counts commitments by status and the on-time rate as the pure rules would', async () => {
    for (const { asOf, dueSoonDays } of cases) {
      const numbers = await followThroughNumbers(database.db, { partyCode: null, engagementId: null, kinds: null }, asOf, dueSoonDays, { corroborated: false });
      const statuses = world.commitments.map((c) => commitmentStatus(c.followUps.map((f) => followUpStatus(f.facts, asOf, dueSoonDays))));
      expect(numbers.byStatus).toEqual(STATUSES.map((status) => ({ status, count: statuses.filter((s) => s === status).length })));
      const due = followUps().filter((f) => f.facts.dueDate !== null && f.facts.dueDate < asOf && followUpStatus(f.facts, asOf, dueSoonDays) !== 'CANCELLED');
      const onTime = due.filter((f) => f.facts.reports.some((r) => !r.superseded && r.state === 'DONE' && r.reportedOn <= f.facts.dueDate!));
      expect({ asOf, due: numbers.dueFollowUps, onTime: numbers.doneOnTime }).toEqual({ asOf, due: due.length, onTime: onTime.length });
      expect(numbers.onTimeRate).toBe(due.length ? onTime.length / due.length : null);
    }
  });

  it('gives every party, engagement, set of kinds and asOf the follow-up counts of the pure rules', async () => {
    const codes = ['PK', 'CN', 'US'];
    const kindSets: (CommitmentKind[] | null)[] = [null, ['AGREEMENT', 'PLEDGE'], ['REQUEST'], ['INVITATION', 'REQUEST', 'PLEDGE']];
    let withLate = 0;
    let withUnreported = 0;
    let withCorroborated = 0;
    // Half the dates: 4 × 3 × 4 scopes each, answered twice, is already some 500 statements.
    for (const { asOf, dueSoonDays } of cases.slice(0, 5)) {
      for (const [partyIndex, partyCode] of [[-1, null] as const, ...codes.map((c, i) => [i, c] as const)]) {
        for (const engagementId of [null, ...world.engagementIds]) {
          for (const kinds of kindSets) {
            const scope = world.commitments.filter((c) => (partyIndex < 0 || c.obligorIds.includes(world.partyIds[partyIndex]))
              && (engagementId === null || c.engagementId === engagementId) && (kinds === null || kinds.includes(c.kind)));
            const pure = followThroughTotals(scope.flatMap(counted), asOf, dueSoonDays);
            const statuses = scope.map((c) => commitmentStatus(c.followUps.map((f) => followUpStatus(f.facts, asOf, dueSoonDays))));
            const numbers = await followThroughNumbers(database.db, { partyCode, engagementId, kinds }, asOf, dueSoonDays, { corroborated: true });
            // Leaving out the corroborated count (when nobody asks for its rate) changes no other number.
            const withoutCorroborated = await followThroughNumbers(database.db, { partyCode, engagementId, kinds }, asOf, dueSoonDays, { corroborated: false });
            expect(withoutCorroborated).toEqual({ ...numbers, corroboratedOnTimeRate: null });
            const label = { asOf, partyCode, engagementId, kinds };
            expect({ ...label, total: numbers.total, byStatus: numbers.byStatus }).toEqual({
              ...label, total: scope.length, byStatus: STATUSES.map((status) => ({ status, count: statuses.filter((s) => s === status).length })),
            });
            const { total: _t, byStatus: _b, ...counts } = numbers;
            expect({ ...label, ...counts }).toEqual({ ...label, ...pure });
            // onTimeRate is doneOnTime over dueFollowUps; the corroborated ones are among those on time.
            expect(numbers.onTimeRate).toBe(numbers.dueFollowUps ? numbers.doneOnTime / numbers.dueFollowUps : null);
            expect(numbers.corroboratedOnTimeRate ?? 0).toBeLessThanOrEqual(numbers.onTimeRate ?? 0);
            expect(numbers.doneOnTime + numbers.doneLate + numbers.unreported).toBeLessThanOrEqual(numbers.dueFollowUps);
            withLate += numbers.doneLate ? 1 : 0;
            withUnreported += numbers.unreported ? 1 : 0;
            withCorroborated += numbers.corroboratedOnTimeRate ? 1 : 0;
          }
        }
      }
    }
    expect(Math.min(withLate, withUnreported, withCorroborated)).toBeGreaterThan(0);
  }, 120_000);

  it('agrees with the status filters: the unreported are OVERDUE, and every due follow-up DONE as of asOf was done on time or late', async () => {
    for (const { asOf, dueSoonDays } of cases) {
      const params: unknown[] = [];
      const p = bindStatusParams(params, asOf, dueSoonDays);
      const [row] = await database.db.query(
        `SELECT count(*) FILTER (WHERE f.due_date < ${p.asOf} AND ${followUpStatusFilterSql('f', ['DONE'], p)})::int AS due_done,
                count(*) FILTER (WHERE f.due_date < ${p.asOf} AND ${followUpStatusFilterSql('f', ['OVERDUE'], p)})::int AS overdue
           FROM follow_up f`,
        params,
      );
      const numbers = await followThroughNumbers(database.db, { partyCode: null, engagementId: null, kinds: null }, asOf, dueSoonDays, { corroborated: false });
      // An unreported due follow-up has no closing report as of asOf, so it is OVERDUE.
      expect({ asOf, unreportedWithinOverdue: numbers.unreported <= row.overdue }).toEqual({ asOf, unreportedWithinOverdue: true });
      const pureUnreportedOverdue = followUps().filter((f) => followUpCounts({ ...f.facts, reports: f.facts.reports.map((r) => ({ ...r, verification: 'UNSOURCED' as const })) }, asOf, dueSoonDays).unreported)
        .every((f) => followUpStatus(f.facts, asOf, dueSoonDays) === 'OVERDUE');
      expect(pureUnreportedOverdue).toBe(true);
      expect({ asOf, doneCovered: row.due_done <= numbers.doneOnTime + numbers.doneLate }).toEqual({ asOf, doneCovered: true });
    }
  });
});
