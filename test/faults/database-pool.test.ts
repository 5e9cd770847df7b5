import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createDataSource, DataSourceOptions } from '../../src/db/data-source';
import { createClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logger';
import { RunningServer, startServer } from '../../src/server';
import { seedDatabase } from '../../seeds/seed';
import { createTestDatabase, TestDatabase } from '../support/database';

/**
 * A saturated pool, a slow statement and a shutdown in the middle of a request: every request
 * ends, on time, with data or a clear error code. The pool shaped here is the main one, which
 * callers with an API key read through, so every request here carries the key; anonymous callers
 * have a pool of their own (see expensive-anonymous-reads.test.ts).
 */
const ADMIN_KEY = 'database-pool-admin-key-0123456789';
const KEYED = { authorization: `Bearer ${ADMIN_KEY}` };
interface PoolServer {
  db: DataSource;
  databaseUrl: string;
  server: RunningServer;
  stop(): Promise<void>;
}

// One seeded database; each test puts a server with a pool of its own shape in front of it.
let seeded: TestDatabase;
beforeAll(async () => {
  seeded = await createTestDatabase();
  await seedDatabase(seeded.db, createClock({ timeZone: 'UTC' }));
});
afterAll(() => seeded.drop());

async function serverWithPool(pool: Omit<DataSourceOptions, 'url'>): Promise<PoolServer> {
  const db = await createDataSource({ url: seeded.url, ...pool }).initialize();
  const server = await startServer({ db, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ADMIN_API_KEY: ADMIN_KEY }), clock: createClock({ timeZone: 'UTC' }), log: createLogger('silent') }, 0);
  return {
    db,
    databaseUrl: seeded.url,
    server,
    stop: async () => {
      await server.stop(); // a second stop after the test's own is a no-op
      if (db.isInitialized) await db.destroy();
    },
  };
}

async function query(url: string, text = '{ parties { code } }') {
  const started = Date.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...KEYED }, body: JSON.stringify({ query: text }) });
  return { status: res.status, body: (await res.json()) as { data?: { parties?: unknown[] } | null; errors?: { message: string; extensions: { code: string } }[] }, ms: Date.now() - started };
}

/** Occupies `connections` connections of `db`'s pool for `seconds`. */
function hogPool(db: DataSource, connections: number, seconds: number): Promise<unknown> {
  return Promise.all(Array.from({ length: connections }, () => db.query(`SELECT pg_sleep(${seconds})`)));
}

/** Opens the pool's connections ahead, so a short acquire timeout measures waiting, not connecting. */
async function warm(db: DataSource, connections: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return void (await hogPool(db, connections, 0.05));
    } catch (e) {
      if (attempt === 5) throw e; // connecting itself can outlast a short timeout on a busy machine
    }
  }
}
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Each test builds a server (and its schema); generous for a busy machine.
jest.setTimeout(120_000);

it('fails fast with SERVICE_UNAVAILABLE (exports with 503) when no pooled connection frees up in time, then recovers', async () => {
  const app = await serverWithPool({ poolSize: 2, connectionTimeoutMs: 1_500 });
  try {
    await warm(app.db, 2);
    const hog = hogPool(app.db, 2, 12);
    await tick(200);
    const res = await query(app.server.url);
    expect(res.ms).toBeLessThan(6_000); // the pool timeout (twice: the key lookup, then the read), not the 12 s the connections stay busy
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors![0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.body.errors![0].message).toMatch(/Retry in a few seconds/);
    const ready = await fetch(new URL('/readyz', app.server.url));
    expect(ready.status).toBe(503);
    const csv = await fetch(new URL('/export/commitments.csv', app.server.url), { headers: KEYED });
    expect([csv.status, csv.headers.get('retry-after')]).toEqual([503, '5']);
    expect(await csv.text()).toMatch(/Retry in a few seconds/);
    await hog;
    expect((await query(app.server.url)).body.data?.parties?.length).toBeGreaterThan(0);
    expect((await fetch(new URL('/readyz', app.server.url))).status).toBe(200);
  } finally {
    await app.stop();
  }
});

it('queues requests while the pool is busy and answers them all once connections free up', async () => {
  const app = await serverWithPool({ poolSize: 2, connectionTimeoutMs: 5_000 });
  try {
    const hog = hogPool(app.db, 2, 0.5);
    await tick(100);
    const results = await Promise.all(Array.from({ length: 12 }, () => query(app.server.url)));
    await hog;
    for (const r of results) {
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data?.parties?.length).toBeGreaterThan(0);
      expect(r.ms).toBeLessThan(5_000);
    }
  } finally {
    await app.stop();
  }
});

it('answers STATEMENT_TIMEOUT when Postgres cancels a statement that runs too long', async () => {
  const app = await serverWithPool({ poolSize: 2, statementTimeoutMs: 300 });
  const locker = new Client({ connectionString: app.databaseUrl });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE party IN ACCESS EXCLUSIVE MODE');
    const res = await query(app.server.url);
    expect(res.ms).toBeLessThan(3_000);
    expect(res.body.errors![0].extensions.code).toBe('STATEMENT_TIMEOUT');
    expect(res.body.errors![0].message).toMatch(/DB_STATEMENT_TIMEOUT_MS/);
    await locker.query('ROLLBACK');
    expect((await query(app.server.url)).body.errors).toBeUndefined();
  } finally {
    await locker.end();
    await app.stop();
  }
});

it('lets a request in flight finish when the server stops (as on SIGTERM), and takes no new ones', async () => {
  const app = await serverWithPool({ poolSize: 1, connectionTimeoutMs: 5_000 });
  try {
    const hog = hogPool(app.db, 1, 0.7);
    await tick(100);
    const inFlight = query(app.server.url); // waits for the one connection
    await tick(100);
    const stopping = app.server.stop();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.parties?.length).toBeGreaterThan(0);
    await stopping;
    await hog;
    await expect(fetch(app.server.url, { method: 'POST', headers: KEYED })).rejects.toThrow();
  } finally {
    await app.stop();
  }
});
