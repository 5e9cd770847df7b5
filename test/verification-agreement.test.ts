import fc from 'fast-check';
import { STANCES, Stance, verification } from '../src/domain/verification';
import { reportVerifications } from '../src/evidence/evidence.repository';
import { isCorroboratedSql } from '../src/evidence/verification.sql';
import { followUpVerifications } from '../src/follow-ups/follow-up.repository';
import { createTestDatabase, TestDatabase } from './support/database';
import { createCommitment, createEvidence, createFollowUp, createParty, createReport, createSource } from './support/factories';

/**
 * The verification rules exist twice: as SQL (src/evidence/verification.sql.ts) and as a pure
 * function (src/domain/verification.ts). Random commitments (random obligors, other parties in
 * other roles) with random evidence from sources of random affiliation must get the same answer
 * from both, read per report and per follow-up.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260112);
const PARTY_CODES = ['PK', 'CN', 'US'] as const;

interface Case {
  /** Index into PARTY_CODES of each obligor (at least one); the rest get other roles or none. */
  obligors: number[];
  others: ('BENEFICIARY' | 'HOST' | null)[];
  /** Each piece: a source (by index into the sources) and a stance. */
  evidence: { source: number; stance: Stance }[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  obligors: fc.uniqueArray(fc.integer({ min: 0, max: PARTY_CODES.length - 1 }), { minLength: 1, maxLength: PARTY_CODES.length }),
  others: fc.array(fc.constantFrom('BENEFICIARY' as const, 'HOST' as const, null), { minLength: PARTY_CODES.length, maxLength: PARTY_CODES.length }),
  evidence: fc.array(fc.record({ source: fc.integer({ min: 0, max: 7 }), stance: fc.constantFrom(...STANCES) }), { maxLength: 6 }),
});

describe('verification in SQL agrees with the pure verification rules', () => {
  let database: TestDatabase;
  const partyIds: string[] = [];
  /** Eight sources: unaffiliated ones and ones speaking for each party. */
  const sources: { id: string; affiliationPartyId: string | null }[] = [];
  let checked = 0;
  const seen = new Set<string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    for (const code of PARTY_CODES) partyIds.push(await createParty(database.db, code));
    for (const affiliation of [null, null, 0, 0, 1, 1, 2, null] as const) {
      const affiliationPartyId = affiliation === null ? null : partyIds[affiliation];
      sources.push({ id: await createSource(database.db, { affiliationPartyId }), affiliationPartyId });
    }
  });
  afterAll(() => database.drop());

  it('gives every report and its follow-up the same verification, on random evidence sets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 10, maxLength: 10 }), async (cases) => {
        const reports: { reportId: string; followUpId: string; expected: string }[] = [];
        for (const c of cases) {
          const obligorIds = c.obligors.map((i) => partyIds[i]);
          const otherParties = partyIds
            .map((partyId, i) => ({ partyId, role: c.others[i] }))
            .filter((p): p is { partyId: string; role: 'BENEFICIARY' | 'HOST' } => p.role !== null && !obligorIds.includes(p.partyId));
          const commitmentId = await createCommitment(database.db, { partyIds: obligorIds, otherParties });
          const followUpId = await createFollowUp(database.db, { commitmentId, dueDate: '2026-02-01' });
          const reportId = await createReport(database.db, { followUpId, state: 'DONE', reportedOn: '2026-01-15' });
          for (const e of c.evidence) await createEvidence(database.db, { reportId, sourceId: sources[e.source].id, stance: e.stance });
          const expected = verification(c.evidence.map((e) => ({ stance: e.stance, affiliationPartyId: sources[e.source].affiliationPartyId })), new Set(obligorIds));
          reports.push({ reportId, followUpId, expected });
          seen.add(expected);
        }
        const byReport = await reportVerifications(database.db, reports.map((r) => r.reportId));
        const byFollowUp = await followUpVerifications(database.db, reports.map((r) => r.followUpId), '2026-03-01');
        // The predicate followThrough counts corroborated reports with, on the same reports.
        const corroborated: { id: string; yes: boolean }[] = await database.db.query(
          `SELECT r.id, ${isCorroboratedSql('r.id', 'f.commitment_id')} AS yes FROM progress_report r JOIN follow_up f ON f.id = r.follow_up_id WHERE r.id = ANY($1::bigint[])`,
          [reports.map((r) => r.reportId)],
        );
        for (const row of corroborated) expect({ report: row.id, corroborated: row.yes }).toEqual({ report: row.id, corroborated: reports.find((r) => r.reportId === row.id)!.expected === 'CORROBORATED' });
        expect(corroborated).toHaveLength(reports.length);
        for (const r of reports) {
          expect({ report: r.reportId, verification: byReport.get(r.reportId) }).toEqual({ report: r.reportId, verification: r.expected });
          expect({ followUp: r.followUpId, verification: byFollowUp.get(r.followUpId) }).toEqual({ followUp: r.followUpId, verification: r.expected });
        }
        checked += reports.length;
      }),
      { numRuns: 25, seed: SEED },
    );
    // The random sets reached every outcome, or the agreement would prove less than it claims.
    expect(checked).toBe(250);
    expect([...seen].sort()).toEqual(['CLAIMED', 'CORROBORATED', 'DISPUTED', 'UNSOURCED']);
  }, 120_000);
});
