import { createTestDatabase, migrateDownBefore, TestDatabase } from '../support/database';

/**
 * A database written by version 1 (migrated back down past 1768176000000-KindsRolesEvidence),
 * holding data, migrates up to version 2 with every fact carried over: party links become
 * OBLIGORs, kinds follow the number of parties, report sources become evidence, engagements get
 * their parties and sources, old source kinds become unknown, and the cached report facts hold.
 */
const MIGRATION = 'KindsRolesEvidence1768176000000';

describe('migrating a version 1 database with data to version 2', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateDownBefore(database.db, MIGRATION);
    await database.db.query(`
      INSERT INTO party (code, name) VALUES ('PK', 'Pakistan'), ('CN', 'China');
      INSERT INTO person (party_id, name) VALUES (1, 'Mohsin Naqvi');
      INSERT INTO engagement (title) VALUES ('Beijing talks');
      INSERT INTO engagement_participant (engagement_id, person_id) VALUES (1, 1);
      INSERT INTO source (title, kind) VALUES ('Xinhua readout', 'ARTICLE'), ('PID statement', 'STATEMENT');
      INSERT INTO commitment (title, engagement_id) VALUES ('Alone', 1), ('Together', 1);
      INSERT INTO commitment_party (commitment_id, party_id) VALUES (1, 1), (2, 1), (2, 2);
      INSERT INTO source_citation (commitment_id, source_id, stance) VALUES (2, 1, 'CONFIRMS'), (2, 2, 'OMITS');
      INSERT INTO follow_up (commitment_id, title, due_date) VALUES (1, 'a', '2026-02-01'), (2, 'b', '2026-02-01');
      INSERT INTO progress_report (follow_up_id, state, reported_on, source_id, recorded_by) VALUES
        (1, 'IN_PROGRESS', '2026-01-10', 1, 'desk'), (2, 'DONE', '2026-01-20', NULL, 'desk');
    `);
    expect((await database.db.runMigrations({ transaction: 'each' })).map((m) => m.name)).toContain(MIGRATION);
  });
  afterAll(() => database.drop());

  const rows = (sql: string) => database.db.query(sql);

  it('makes every party link an OBLIGOR and each commitment a PLEDGE (one party) or an AGREEMENT (several)', async () => {
    expect(await rows(`SELECT commitment_id::int AS c, party_id::int AS p, role FROM commitment_party ORDER BY 1, 2`)).toEqual([
      { c: 1, p: 1, role: 'OBLIGOR' }, { c: 2, p: 1, role: 'OBLIGOR' }, { c: 2, p: 2, role: 'OBLIGOR' },
    ]);
    expect(await rows(`SELECT id::int, kind FROM commitment ORDER BY id`)).toEqual([{ id: 1, kind: 'PLEDGE' }, { id: 2, kind: 'AGREEMENT' }]);
  });

  it('turns each report\'s source into its first CONFIRMS evidence, by the same recorder', async () => {
    expect(await rows(`SELECT progress_report_id::int AS r, source_id::int AS s, stance, recorded_by FROM evidence`)).toEqual([{ r: 1, s: 1, stance: 'CONFIRMS', recorded_by: 'desk' }]);
  });

  it('gives engagements the parties of their people and commitments, and the sources cited on their commitments', async () => {
    expect(await rows(`SELECT party_id::int AS p FROM engagement_party ORDER BY 1`)).toEqual([{ p: 1 }, { p: 2 }]);
    expect(await rows(`SELECT source_id::int AS s, stance FROM engagement_source ORDER BY 1`)).toEqual([{ s: 1, stance: 'CONFIRMS' }, { s: 2, stance: 'CONFIRMS' }]);
  });

  it('leaves source kinds unknown rather than guessing them from the old format values', async () => {
    expect(await rows(`SELECT kind, affiliation_party_id FROM source`)).toEqual([{ kind: null, affiliation_party_id: null }, { kind: null, affiliation_party_id: null }]);
  });

  it('caches the earliest report of any state, and keeps it with later reports', async () => {
    expect(await rows(`SELECT id::int, first_reported_on, first_closed_on FROM follow_up ORDER BY id`)).toEqual([
      { id: 1, first_reported_on: '2026-01-10', first_closed_on: null }, { id: 2, first_reported_on: '2026-01-20', first_closed_on: '2026-01-20' },
    ]);
    await database.db.query(`INSERT INTO progress_report (follow_up_id, state, reported_on, recorded_by) VALUES (1, 'MISSED', '2026-01-05', 'desk')`);
    expect(await rows(`SELECT first_reported_on, first_closed_on FROM follow_up WHERE id = 1`)).toEqual([{ first_reported_on: '2026-01-05', first_closed_on: '2026-01-05' }]);
  });
});
