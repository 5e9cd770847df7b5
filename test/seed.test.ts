import { createClock } from '../src/domain/clock';
import { seedDatabase } from '../seeds/seed';
import { createTestDatabase, TestDatabase } from './support/database';

// Today 2026-03-01, so recurring follow-ups reach the horizon of 2028-03-02 (732 days on).
const clock = createClock({ start: new Date('2026-03-01T12:00:00Z'), timeZone: 'UTC' });

const EXPECTED_FIRST_RUN = {
  parties: 2,
  institutions: 7,
  people: 17,
  sources: 6,
  engagements: 2,
  engagementParties: 4,
  participants: 19,
  // The Beijing meeting: 000, 001, 002, 004 and Xinhua (through 004); the other: 003.
  engagementSources: 6,
  commitments: 16,
  commitmentParties: 32,
  citations: 55,
  // 14 one-off follow-ups, 8 quarterly working-group meetings, 2 annual ministers' meetings.
  followUps: 24,
  events: 16,
};

const TABLES = ['party', 'institution', 'person', 'engagement', 'engagement_party', 'engagement_participant',
  'engagement_source', 'source', 'commitment', 'commitment_party', 'source_citation', 'follow_up', 'commitment_event'];

async function tableCounts(t: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = n;
  }
  return counts;
}

async function commitmentId(t: TestDatabase, externalId: string): Promise<string> {
  const rows = await t.db.query(`SELECT id FROM commitment WHERE external_id = $1`, [externalId]);
  expect(rows).toHaveLength(1);
  return rows[0].id;
}

async function rolesOf(t: TestDatabase, commitment: string): Promise<Record<string, string>> {
  const rows: { code: string; role: string }[] = await t.db.query(
    `SELECT p.code, cp.role FROM commitment_party cp JOIN party p ON p.id = cp.party_id WHERE cp.commitment_id = $1`, [commitment]);
  return Object.fromEntries(rows.map((r) => [r.code, r.role]));
}

describe('seeding the five Pakistan–China articles', () => {
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
      party: 2, institution: 7, person: 17, engagement: 2, engagement_party: 4, engagement_participant: 19,
      engagement_source: 6, source: 6, commitment: 16, commitment_party: 32, source_citation: 55, follow_up: 24,
      commitment_event: 16,
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

  it('records each commitment\'s kind, and each party once with its role', async () => {
    const kinds = await t.db.query(`SELECT kind, count(*)::int AS n FROM commitment GROUP BY kind ORDER BY kind`);
    expect(kinds).toEqual([
      { kind: 'AGREEMENT', n: 9 }, { kind: 'INVITATION', n: 3 }, { kind: 'PLEDGE', n: 3 }, { kind: 'REQUEST', n: 1 },
    ]);
    expect(await rolesOf(t, await commitmentId(t, 'pk-cn/beijing/nccia-support-request'))).toEqual({ CN: 'OBLIGOR', PK: 'BENEFICIARY' });
    expect(await rolesOf(t, await commitmentId(t, 'pk-cn/beijing/forum-invitation'))).toEqual({ PK: 'OBLIGOR', CN: 'HOST' });
    expect(await rolesOf(t, await commitmentId(t, 'pk-cn/beijing/china-crackdown-readiness'))).toEqual({ CN: 'OBLIGOR', PK: 'BENEFICIARY' });
    expect(await rolesOf(t, await commitmentId(t, 'pk-cn/beijing/jwg-quarterly'))).toEqual({ PK: 'OBLIGOR', CN: 'OBLIGOR' });
  });

  it('cites the PTI report as confirming the Special Protection Unit and Xinhua, China\'s state media, as omitting it', async () => {
    const id = await commitmentId(t, 'pk-cn/beijing/special-protection-unit');
    const citations = await t.db.query(
      `SELECT s.outlet, s.kind, a.code AS affiliation, c.stance, c.note
         FROM source_citation c JOIN source s ON s.id = c.source_id LEFT JOIN party a ON a.id = s.affiliation_party_id
        WHERE c.commitment_id = $1 AND s.outlet IS NOT NULL ORDER BY s.outlet`, [id]);
    expect(citations).toEqual([
      expect.objectContaining({ outlet: 'PTI', kind: null, affiliation: null, stance: 'CONFIRMS' }),
      expect.objectContaining({ outlet: 'Xinhua', kind: 'STATE_MEDIA', affiliation: 'CN', stance: 'OMITS', note: expect.stringContaining('PTI') }),
    ]);
    expect(await rolesOf(t, id)).toEqual({ PK: 'OBLIGOR', CN: 'BENEFICIARY' });
    const followUps = await t.db.query(`SELECT due_date FROM follow_up WHERE commitment_id = $1`, [id]);
    expect(followUps).toEqual([{ due_date: null }]);
  });

  it('schedules a Joint Working Group meeting every three months after 7 January 2026, through the horizon', async () => {
    const id = await commitmentId(t, 'pk-cn/beijing/jwg-quarterly');
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
    const id = await commitmentId(t, 'pk-cn/beijing/ministers-annual');
    const dues = await t.db.query(`SELECT due_date FROM follow_up WHERE commitment_id = $1 ORDER BY due_date`, [id]);
    expect(dues).toEqual([{ due_date: '2027-01-07' }, { due_date: '2028-01-07' }]);
  });

  it('makes the forum invitation due by the end of September 2026 and leaves undated promises undated', async () => {
    const rows = await t.db.query(
      `SELECT c.external_id, f.due_date FROM follow_up f JOIN commitment c ON c.id = f.commitment_id
        WHERE c.recurrence IS NULL AND f.due_date IS NOT NULL`);
    expect(rows).toEqual([{ external_id: 'pk-cn/beijing/forum-invitation', due_date: '2026-09-30' }]);
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

  it('records which parties met and which sources report each meeting', async () => {
    const rows = await t.db.query(`
      SELECT e.external_id,
             (SELECT array_agg(p.code ORDER BY p.code) FROM engagement_party ep JOIN party p ON p.id = ep.party_id WHERE ep.engagement_id = e.id) AS parties,
             (SELECT array_agg(s.external_id ORDER BY s.external_id) FROM engagement_source es JOIN source s ON s.id = es.source_id WHERE es.engagement_id = e.id) AS sources
        FROM engagement e ORDER BY e.id`);
    expect(rows).toEqual([
      { external_id: 'pk-cn/beijing-2026-01-07', parties: ['CN', 'PK'],
        sources: ['pk-cn/article-000', 'pk-cn/article-001', 'pk-cn/article-002', 'pk-cn/article-004', 'pk-cn/xinhua-via-004'] },
      { external_id: 'pk-cn/chen-mingguo-undated', parties: ['CN', 'PK'], sources: ['pk-cn/article-003'] },
    ]);
  });

  it('gives every commitment an obligor, a confirming source, a follow-up, an external id and a CREATED event by "seed"', async () => {
    const rows = await t.db.query(`
      SELECT c.title, c.external_id,
             (SELECT count(*)::int FROM commitment_party p WHERE p.commitment_id = c.id AND p.role = 'OBLIGOR') AS obligors,
             (SELECT count(*)::int FROM source_citation s WHERE s.commitment_id = c.id AND s.stance = 'CONFIRMS') AS confirming,
             (SELECT count(*)::int FROM follow_up f WHERE f.commitment_id = c.id) AS follow_ups,
             (SELECT array_agg(e.kind || ':' || e.actor) FROM commitment_event e WHERE e.commitment_id = c.id) AS events
        FROM commitment c`);
    expect(rows).toHaveLength(16);
    for (const row of rows) {
      const ok = row.obligors >= 1 && row.confirming >= 1 && row.follow_ups >= 1 && /^pk-cn\//.test(row.external_id);
      expect({ title: row.title, ok }).toEqual({ title: row.title, ok: true });
      expect(row.events).toEqual(['CREATED:seed']);
    }
  });

  it('records no URL for any source, a publication date only where an article states one, and who speaks only for Xinhua', async () => {
    const sources = await t.db.query(
      `SELECT s.url, s.outlet, s.published_on, s.kind, a.code AS affiliation FROM source s LEFT JOIN party a ON a.id = s.affiliation_party_id`);
    expect(sources.every((s: { url: string | null }) => s.url === null)).toBe(true);
    expect(sources.filter((s: { published_on: string | null }) => s.published_on !== null).map((s: { published_on: string }) => s.published_on))
      .toEqual(['2026-01-07', '2026-01-07']);
    expect(sources.map((s: { outlet: string | null }) => s.outlet).filter(Boolean).sort()).toEqual(['PTI', 'Xinhua']);
    expect(sources.filter((s: { kind: string | null }) => s.kind !== null))
      .toEqual([expect.objectContaining({ outlet: 'Xinhua', kind: 'STATE_MEDIA', affiliation: 'CN' })]);
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

describe('seeding a database seeded before external ids existed', () => {
  it('finds its rows by title, gives them their external ids and adds nothing else', async () => {
    const t = await createTestDatabase();
    try {
      await seedDatabase(t.db, clock);
      for (const table of ['source', 'engagement', 'commitment']) await t.db.query(`UPDATE ${table} SET external_id = NULL`);
      const before = await tableCounts(t);
      const rerun = await seedDatabase(t.db, clock);
      expect(Object.values(rerun).every((n) => n === 0)).toBe(true);
      expect(await tableCounts(t)).toEqual(before);
      const [{ missing }] = await t.db.query(`
        SELECT (SELECT count(*) FROM source WHERE external_id IS NULL) + (SELECT count(*) FROM engagement WHERE external_id IS NULL)
             + (SELECT count(*) FROM commitment WHERE external_id IS NULL) AS missing`);
      expect(Number(missing)).toBe(0);
    } finally {
      await t.drop();
    }
  });
});

describe('seeding concurrently', () => {
  it('inserts each row once when two seeds run at the same time', async () => {
    const t = await createTestDatabase();
    try {
      const runs = await Promise.all([seedDatabase(t.db, clock), seedDatabase(t.db, clock)]);
      const commitmentsInserted = runs.map((r) => r.commitments).sort();
      expect(commitmentsInserted).toEqual([0, 16]);
      expect((await tableCounts(t)).commitment).toBe(16);
      expect((await tableCounts(t)).follow_up).toBe(24);
    } finally {
      await t.drop();
    }
  });
});
