import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createParty } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { ADMIN_KEY } from '../writes/write-app';

/**
 * Where reads go with DATABASE_READ_URLS, on one server: the "replica" here is a second database
 * of the test cluster whose data and data version the test sets itself, so each case can put it
 * ahead, behind or out of reach at will (test/multi-node has a real streaming replica).
 */
const PARTY_CODES = '{ parties { code } }';
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

async function codesAndVersion(app: TestApp, headers: Record<string, string> = {}) {
  const url = new URL(app.url);
  url.searchParams.set('query', PARTY_CODES);
  const res = await fetch(url, { headers: { ...PREFLIGHT, ...headers } });
  const body = (await res.json()) as { data?: { parties: { code: string }[] }; errors?: unknown[] };
  return { status: res.status, errors: body.errors, codes: body.data?.parties.map((p) => p.code) ?? [], version: Number(res.headers.get('x-data-version')) };
}

const setVersion = (db: { query(sql: string, p?: unknown[]): Promise<unknown> }, version: number) => db.query(`UPDATE data_version SET version = $1`, [version]);
const until = async (what: string, check: () => Promise<boolean>, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('reads routed between the primary and a replica', () => {
  let replica: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    replica = await createTestDatabase();
    await createParty(replica.db, 'RR', 'Only on the replica');
    await setVersion(replica.db, 1_000);
    app = await startTestApp({
      env: {
        ADMIN_API_KEY: ADMIN_KEY,
        DATABASE_URL: 'postgres://set-for-the-configuration-check/only',
        DATABASE_READ_URLS: replica.url,
        REPLICA_MAX_LAG_MS: '400',
        RESPONSE_CACHE_MB: '0',
      },
    });
    await createParty(app.db, 'PP', 'Only on the primary');
    await setVersion(app.db, 1_000);
    await until('the replica is read', async () => (await codesAndVersion(app)).codes.includes('RR'));
  });
  afterAll(async () => {
    await app.stop();
    await replica.drop();
  });

  it('reads anonymous requests from a caught-up replica and reports its data version', async () => {
    await setVersion(replica.db, 1_001);
    await until('the replica version is seen', async () => (await codesAndVersion(app)).version === 1_001);
    expect((await codesAndVersion(app)).codes).toEqual(['RR']);
  });

  it('reads requests with a key from the primary', async () => {
    expect((await codesAndVersion(app, { authorization: `Bearer ${ADMIN_KEY}` })).codes).toEqual(['PP']);
  });

  it('reads from the primary when the request needs a newer version than the replica has', async () => {
    const r = await codesAndVersion(app, { 'x-min-data-version': '999999' });
    expect(r.codes).toEqual(['PP']);
    expect((await codesAndVersion(app, { 'x-min-data-version': '1001' })).codes).toEqual(['RR']);
  });

  it('stops reading a replica that falls more than REPLICA_MAX_LAG_MS behind, and takes it back once caught up', async () => {
    await setVersion(app.db, 2_000);
    await until('reads move to the primary', async () => (await codesAndVersion(app)).codes.includes('PP'), 3_000);
    await setVersion(replica.db, 2_000);
    await until('reads come back to the replica', async () => (await codesAndVersion(app)).codes.includes('RR'), 3_000);
  });

  it('answers from the primary, without an error, once the replica refuses connections, and takes it back when it answers', async () => {
    const name = new URL(replica.url).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.TEST_CLUSTER_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      const started = Date.now();
      const answers = [];
      while (Date.now() - started < 1_500) answers.push(await codesAndVersion(app));
      expect(answers.filter((a) => a.status !== 200 || a.errors)).toEqual([]);
      expect(answers[answers.length - 1].codes).toEqual(['PP']);

      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await until('the replica is read again', async () => (await codesAndVersion(app)).codes.includes('RR'), 3_000);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  });

  it('reports the replica in /metrics: up, its lag, its share of reads and the statements it failed over', async () => {
    const text = await (await fetch(new URL('/metrics', app.url))).text();
    expect(text).toMatch(/tracker_db_reads_total\{target="replica"\} [1-9]/);
    expect(text).toMatch(/tracker_replica_up\{replica="[^"]+"\} 1/);
    expect(text).toMatch(/tracker_replica_lag_seconds\{replica="[^"]+"\} [\d.]+/);
    // Whether a statement had to fail over above depends on whether a read or the poll met the refusal first.
    expect(text).toMatch(/# TYPE tracker_replica_failovers_total counter/);
  });
});
