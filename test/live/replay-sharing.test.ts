import { commitmentCriteria } from '../../src/commitments/commitment-criteria';
import type { Queryable } from '../../src/db/queryable';
import { compileEventFilter } from '../../src/events/event-filter';
import { EventSubscription } from '../../src/events/event-subscription';
import { ReplayReader } from '../../src/events/replay-reader';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createCommitment, createParty } from '../support/factories';

/**
 * Replays against a real event log: what N subscribers resuming from an old cursor cost the
 * database, counted in the statements that read commitment_event and in how many run at once.
 */
const EVENTS = 3_000;
const PAGE = 500; // EventSubscription's replay page
let database: TestDatabase;
let lastId: string;

/** The database as the reader sees it, counting what it is asked. */
function counted(db: Queryable) {
  const stats = { eventReads: 0, scopeReads: 0, inFlight: 0, maxInFlight: 0, statements: [] as string[] };
  const queryable: Queryable = {
    query: async (sql: string, params?: unknown[]) => {
      if (/FROM commitment_event/.test(sql)) stats.eventReads += 1;
      if (/FROM commitment c WHERE/.test(sql)) stats.scopeReads += 1;
      stats.statements.push(sql);
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        return await db.query(sql, params);
      } finally {
        stats.inFlight -= 1;
      }
    },
  };
  return { stats, queryable };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const pk = await createParty(database.db, 'PK');
  await createParty(database.db, 'ZZ'); // responsible for nothing
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await createCommitment(database.db, { partyIds: [pk] }));
  await database.db.query(
    `INSERT INTO commitment_event (commitment_id, kind, actor) SELECT ($1::bigint[])[1 + g % 3], 'UPDATED', 'test' FROM generate_series(1, $2::int) g`,
    [ids, EVENTS],
  );
  [{ id: lastId }] = await database.db.query(`SELECT max(id)::text AS id FROM commitment_event`);
});
afterAll(() => database.drop());

/** N subscribers replaying from the first event through `filter`, each read until its replay is over. */
async function replay(subscribers: number, filter: Record<string, unknown> | null) {
  const { stats, queryable } = counted(database.db);
  const replays = new ReplayReader(queryable, { dueSoonDays: 14, timeZone: 'UTC' });
  const criteria = await commitmentCriteria(database.db, filter);
  const compiled = compileEventFilter(criteria);
  const stream = { position: lastId, register: () => () => undefined };
  const received = await Promise.all(
    Array.from({ length: subscribers }, async () => {
      let scope: ReturnType<ReplayReader['scopeOf']> | undefined;
      const subscription = new EventSubscription({
        stream,
        filter: compiled,
        afterId: '0',
        bufferLimit: 1_000,
        stallMs: 60_000,
        readPage: async (after, limit) => replays.read(after, limit, await (scope ??= replays.scopeOf(criteria)), compiled.needs),
        onStalled: () => undefined,
      });
      let count = 0;
      // Replay is over when next() stops resolving at once (it then waits for live events).
      for (;;) {
        const next = await Promise.race([subscription.next(), new Promise<null>((r) => setTimeout(() => r(null), 300))]);
        if (!next || next.done) break;
        count += 1;
      }
      await subscription.return();
      return count;
    }),
  );
  return { stats, received };
}

it('reads each page of the log once for twenty subscribers replaying the same stretch, two statements at a time at most', async () => {
  const one = await replay(1, null);
  expect(one.received).toEqual([EVENTS]);
  const fullPages = Math.floor(EVENTS / PAGE);
  expect(one.stats.eventReads).toBe(fullPages + 1); // the last read comes back short (empty)

  const twenty = await replay(20, null);
  expect(twenty.received).toEqual(Array(20).fill(EVENTS));
  // Unshared, that is 20 × 7 = 140 reads. Shared: each full page once, and the short tail, which
  // may hide events committed since, re-read by whoever comes after it was read.
  expect(twenty.stats.eventReads).toBeLessThanOrEqual(fullPages + 20);
  expect(twenty.stats.maxInFlight).toBeLessThanOrEqual(2);
});

it('replays a filter that matches nothing without reading the log at all', async () => {
  const { stats, received } = await replay(20, { partyCodes: ['ZZ'] });
  expect(received).toEqual(Array(20).fill(0));
  expect(stats.eventReads).toBe(0);
  expect(stats.scopeReads).toBeGreaterThanOrEqual(1);
  expect(stats.scopeReads).toBeLessThanOrEqual(20);
});

it('replays a filter on a few commitments from the (commitment_id, id) index, with every event of theirs', async () => {
  const { stats, received } = await replay(1, { partyCodes: ['PK'] });
  expect(received).toEqual([EVENTS]);
  const reads = stats.statements.filter((s) => /FROM commitment_event/.test(s));
  expect(reads.every((s) => /commitment_id = ANY/.test(s))).toBe(true);
  const [plan] = await database.db.query(
    `EXPLAIN (FORMAT JSON) SELECT id FROM commitment_event e WHERE e.commitment_id = ANY($2::bigint[]) AND e.id > $1::bigint ORDER BY e.id LIMIT 500`,
    ['0', ['999999']],
  );
  expect(JSON.stringify(plan)).toMatch(/commitment_event_commitment_idx/);
});
