import { createClock } from '../src/domain/clock';
import { seedDatabase } from '../seeds/seed';
import { createTestDatabase, TestDatabase } from './support/database';

// Today 2026-03-01, so recurring follow-ups reach the horizon of 2028-03-02 (732 days on).
const clock = createClock({ start: new Date('2026-03-01T12:00:00Z'), timeZone: 'UTC' });

const EXPECTED_FIRST_RUN = {
  parties: 2,
  institutions: 7,
  people: 17,
  engagements: 2,
  participants: 19,
  sources: 6,
  commitments: 14,
  commitmentParties: 27,
  citations: 42,
  // 12 one-off follow-ups, 8 quarterly working-group meetings, 2 annual ministers' meetings.
  followUps: 22,
  events: 14,
};

const TABLES = ['party', 'institution', 'person', 'engagement', 'engagement_participant', 'source', 'commitment',
  'commitment_party', 'source_citation', 'follow_up', 'commitment_event'];

async function tableCounts(t: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = n;
  }
  return counts;
}

async function commitmentId(t: TestDatabase, titleStart: string): Promise<string> {
  const rows = await t.db.query(`SELECT id FROM commitment WHERE title LIKE $1 || '%'`, [titleStart]);
  expect(rows).toHaveLength(1);
  return rows[0].id;
}

describe('seeding the January 2026 Pakistan–China articles', () => {
  let t: TestDatabase;
  let firstRun: Record<string, number>;

  beforeAll(async () => {
    t = await createTestDatabase();
    firstRun = await seedDatabase(t.db, clock);
  });
  afterAll(() => t.drop());

  it('inserts the parties, people, engagements, sources, commitments and follow-ups the articles report', async () => {
    expect(firstRun).toEqual(EXPECTED_FIRST_RUN);
    expect(await tableCounts(t)).toEqual({
      party: 2, institution: 7, person: 17, engagement: 2, engagement_participant: 19, source: 6, commitment: 14,
      commitment_party: 27, source_citation: 42, follow_up: 22, commitment_event: 14,
    });
    expect(await t.db.query(`SELECT code, name FROM party ORDER BY code`)).toEqual([
      { code: 'CN', name: 'China' },
      { code: 'PK', name: 'Pakistan' },
    ]);
  });

  it('adds nothing when run again', async () => {
    const before = await tableCounts(t);
    const secondRun = await seedDatabase(t.db, clock);
    expect(Object.values(secondRun).every((n) => n === 0)).toBe(true);
    expect(Object.keys(secondRun).sort()).toEqual(Object.keys(EXPECTED_FIRST_RUN).sort());
    expect(await tableCounts(t)).toEqual(before);
  });

  it('cites the PTI report as confirming the Special Protection Unit and Xinhua as omitting it', async () => {
    const id = await commitmentId(t, 'Special Protection Unit');
    const citations = await t.db.query(
      `SELECT s.outlet, c.stance, c.note FROM source_citation c JOIN source s ON s.id = c.source_id
        WHERE c.commitment_id = $1 AND s.outlet IS NOT NULL ORDER BY s.outlet`, [id]);
    expect(citations).toEqual([
      expect.objectContaining({ outlet: 'PTI', stance: 'CONFIRMS' }),
      expect.objectContaining({ outlet: 'Xinhua', stance: 'OMITS', note: expect.stringContaining('PTI') }),
    ]);
    const parties = await t.db.query(
      `SELECT p.code FROM commitment_party cp JOIN party p ON p.id = cp.party_id WHERE cp.commitment_id = $1`, [id]);
    expect(parties).toEqual([{ code: 'PK' }]);
    const followUps = await t.db.query(`SELECT due_date FROM follow_up WHERE commitment_id = $1`, [id]);
    expect(followUps).toEqual([{ due_date: null }]);
  });

  it('schedules a Joint Working Group meeting every three months after 7 January 2026, through the horizon', async () => {
    const id = await commitmentId(t, 'Quarterly Joint Working Group');
    const [commitment] = await t.db.query(
      `SELECT recurrence, starts_on, materialized_through FROM commitment WHERE id = $1`, [id]);
    expect(commitment).toEqual({ recurrence: 'FREQ=MONTHLY;INTERVAL=3', starts_on: '2026-04-07', materialized_through: '2028-03-02' });
    const dues = await t.db.query(
      `SELECT due_date, occurrence FROM follow_up WHERE commitment_id = $1 ORDER BY occurrence`, [id]);
    expect(dues.map((r: { due_date: string }) => r.due_date)).toEqual([
      '2026-04-07', '2026-07-07', '2026-10-07', '2027-01-07', '2027-04-07', '2027-07-07', '2027-10-07', '2028-01-07',
    ]);
    expect(dues.map((r: { occurrence: number }) => r.occurrence)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('schedules the interior ministers to meet every year after 7 January 2026', async () => {
    const id = await commitmentId(t, 'Annual interior ministers');
    const dues = await t.db.query(`SELECT due_date FROM follow_up WHERE commitment_id = $1 ORDER BY due_date`, [id]);
    expect(dues).toEqual([{ due_date: '2027-01-07' }, { due_date: '2028-01-07' }]);
  });

  it('makes the September forum due by the end of September 2026 and leaves undated promises undated', async () => {
    const rows = await t.db.query(
      `SELECT c.title, f.due_date FROM follow_up f JOIN commitment c ON c.id = f.commitment_id
        WHERE c.recurrence IS NULL AND f.due_date IS NOT NULL`);
    expect(rows).toEqual([{ title: expect.stringContaining('Global Security Cooperation Forum'), due_date: '2026-09-30' }]);
  });

  it('dates the Beijing meeting 7 January 2026 and leaves the undated, unplaced Chen Mingguo meeting null', async () => {
    const engagements = await t.db.query(`SELECT title, held_on, location FROM engagement ORDER BY id`);
    expect(engagements).toEqual([
      expect.objectContaining({ held_on: '2026-01-07', location: expect.stringContaining('Ministry of Public Security') }),
      { title: expect.stringContaining('Chen Mingguo'), held_on: null, location: null },
    ]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM engagement_participant ep JOIN person p ON p.id = ep.person_id
        JOIN engagement e ON e.id = ep.engagement_id
        WHERE e.held_on IS NULL AND p.name IN ('Chen Mingguo', 'Mohsin Naqvi', 'Waqas Ali Mahmood', 'Nazar Muhammad Buzdar', 'Khurram Agha')`);
    expect(n).toBe(5);
  });

  it('gives every commitment a responsible party, a confirming source, a follow-up and a CREATED event by "seed"', async () => {
    const rows = await t.db.query(`
      SELECT c.title,
             (SELECT count(*)::int FROM commitment_party p WHERE p.commitment_id = c.id) AS parties,
             (SELECT count(*)::int FROM source_citation s WHERE s.commitment_id = c.id AND s.stance = 'CONFIRMS') AS confirming,
             (SELECT count(*)::int FROM follow_up f WHERE f.commitment_id = c.id) AS follow_ups,
             (SELECT array_agg(e.kind || ':' || e.actor) FROM commitment_event e WHERE e.commitment_id = c.id) AS events
        FROM commitment c`);
    expect(rows).toHaveLength(14);
    for (const row of rows) {
      expect({ title: row.title, ok: row.parties >= 1 && row.confirming >= 1 && row.follow_ups >= 1 }).toEqual({ title: row.title, ok: true });
      expect(row.events).toEqual(['CREATED:seed']);
    }
  });

  it('records no URL for any source and a publication date only where an article states one', async () => {
    const sources = await t.db.query(`SELECT url, outlet, published_on, kind FROM source`);
    expect(sources.every((s: { url: string | null }) => s.url === null)).toBe(true);
    expect(sources.every((s: { kind: string | null }) => s.kind === null)).toBe(true);
    expect(sources.filter((s: { published_on: string | null }) => s.published_on !== null).map((s: { published_on: string }) => s.published_on))
      .toEqual(['2026-01-07', '2026-01-07']);
    expect(sources.map((s: { outlet: string | null }) => s.outlet).filter(Boolean).sort()).toEqual(['PTI', 'Xinhua']);
  });

  it('cites the Chen Mingguo article for every promise of that meeting', async () => {
    const rows = await t.db.query(`
      SELECT c.title, s.title AS source FROM commitment c JOIN engagement e ON e.id = c.engagement_id
        JOIN source_citation sc ON sc.commitment_id = c.id JOIN source s ON s.id = sc.source_id
       WHERE e.held_on IS NULL`);
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r: { source: string }) => r.source))).toEqual(new Set(['China Trains Pakistan Police in Counterterrorism']));
  });
});

describe('seeding concurrently', () => {
  it('inserts each row once when two seeds run at the same time', async () => {
    const t = await createTestDatabase();
    try {
      const runs = await Promise.all([seedDatabase(t.db, clock), seedDatabase(t.db, clock)]);
      const commitmentsInserted = runs.map((r) => r.commitments).sort();
      expect(commitmentsInserted).toEqual([0, 14]);
      expect((await tableCounts(t)).commitment).toBe(14);
      expect((await tableCounts(t)).follow_up).toBe(22);
    } finally {
      await t.drop();
    }
  });
});
