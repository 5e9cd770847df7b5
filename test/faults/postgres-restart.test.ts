import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { encodeEventCursor } from '../../src/events/event-cursor';
import { invariantViolations } from '../support/data-invariants';
import { pause, subscribe, Subscriber } from '../support/live-client';
import { ScratchPostgres, startScratchPostgresProcess } from '../support/scratch-postgres';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { describeOutcome, Load, missingAcknowledgedWrites, startLoad } from '../support/write-load';

/**
 * Postgres restarted under a running server (a real process, configured as in production) while
 * reads, writes and a subscription are going on. The test owns the cluster: its own embedded
 * Postgres in a temporary directory, whatever DATABASE_URL says, so stopping it disturbs nobody.
 */
const ADMIN_KEY = 'fault-admin-key-0123456789abcdef';
const TODAY = '2026-03-10';
const POOL_TIMEOUT_MS = 2_000;
const STATEMENT_TIMEOUT_MS = 3_000;
/** The longest any one request may take: waiting for a connection, one statement, and slack for a busy machine. */
const REQUEST_BUDGET_MS = POOL_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 3_000;
/** The two answers a database failure may get, and nothing else (no INTERNAL_SERVER_ERROR, no SQL). */
const FAILURE_MESSAGES: Record<string, RegExp> = {
  SERVICE_UNAVAILABLE: /^The database is busy or unreachable right now\. Retry in a few seconds\.$/,
  STATEMENT_TIMEOUT: /^The database stopped this request after DB_STATEMENT_TIMEOUT_MS/,
};
jest.setTimeout(90_000);

let postgres: ScratchPostgres | undefined;
let server: ServerProcess | undefined;
let verifier: DataSource | undefined;
let load: Load | undefined;
let subscriber: Subscriber | undefined;

afterAll(async () => {
  await load?.stop().catch(() => undefined);
  await subscriber?.dispose().catch(() => undefined);
  await verifier?.destroy().catch(() => undefined);
  await server?.dispose();
  await postgres?.destroy();
});

async function createDatabase(clusterUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function probe(path: '/readyz' | '/healthz'): Promise<number> {
  const res = await fetch(new URL(path, server!.url), { signal: AbortSignal.timeout(5_000) });
  await res.arrayBuffer();
  return res.status;
}

/** Polls until `path` answers `status`; returns when it first did. */
async function until(path: '/readyz' | '/healthz', status: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await probe(path)) === status) return Date.now();
    if (Date.now() > deadline) throw new Error(`${path} did not answer ${status} within ${timeoutMs} ms\n${server!.output().slice(-3000)}`);
    await pause(100);
  }
}

it('reports not ready and fails requests fast with SERVICE_UNAVAILABLE while Postgres restarts, then recovers by itself with every acknowledged write kept', async () => {
  postgres = await startScratchPostgresProcess('tracker-fault-pg-');
  const databaseUrl = await createDatabase(postgres.url, 'tracker');
  server = await startServerProcess({
    databaseUrl,
    env: {
      ADMIN_API_KEY: ADMIN_KEY,
      CLOCK_START: `${TODAY}T12:00:00Z`,
      DB_POOL_TIMEOUT_MS: String(POOL_TIMEOUT_MS),
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      SCHEDULER_INTERVAL_MS: '500', // the scheduler meets the outage too
    },
  });
  verifier = await createDataSource({ url: databaseUrl, poolSize: 1 }).initialize();
  const [{ id: lastEventId }] = await verifier.query(`SELECT coalesce(max(id), 0)::text AS id FROM commitment_event`);
  const after = encodeEventCursor(lastEventId);
  subscriber = subscribe(server.url, { after }, 'cursor kind');
  await subscriber.connected;

  load = startLoad({ url: server.url, adminKey: ADMIN_KEY, writers: 4, readers: 2, tag: 'restart', today: TODAY, hangAfterMs: 30_000 });
  await load.untilAcknowledged(12);
  expect(load.outcomes.filter((o) => !o.ok).map(describeOutcome)).toEqual([]); // a healthy start: every request answered

  // Postgres goes away under load (a fast shutdown ends every session and rolls back open transactions).
  const stoppingAt = Date.now();
  await postgres.stop();
  const downSince = Date.now();
  await until('/readyz', 503, 5_000);
  expect(await probe('/healthz')).toBe(200);
  await pause(2_500); // the load keeps coming at a dead database
  expect(await probe('/readyz')).toBe(503);
  expect(server.running()).toBe(true);
  const downUntil = Date.now();

  await postgres.start();
  const recoveredAt = await until('/readyz', 200, 20_000);
  const acknowledgedAtRecovery = load.acknowledged.length;
  await load.untilAcknowledged(acknowledgedAtRecovery + 12, 20_000);
  await load.stop();

  const { outcomes, acknowledged } = load;
  // No request hung or took longer than its timeouts allow, none lost its connection, none got a
  // 500 or an internal message: each has data, or the one clear error a database failure gets.
  expect(outcomes.filter((o) => o.ms > REQUEST_BUDGET_MS || o.transportError).map(describeOutcome)).toEqual([]);
  const unclear = outcomes.filter((o) => !o.ok && (o.status !== 200 || !o.codes.length || o.codes.some((c, i) => !FAILURE_MESSAGES[c]?.test(o.messages[i]))));
  expect(unclear.map(describeOutcome)).toEqual([]);
  // Some requests were in the middle of their work when Postgres went away.
  expect(outcomes.filter((o) => o.startedAt < stoppingAt && o.startedAt + o.ms > stoppingAt).length).toBeGreaterThan(0);
  // While Postgres was down, everything sent failed, fast, with SERVICE_UNAVAILABLE.
  const sentWhileDown = outcomes.filter((o) => o.startedAt >= downSince && o.startedAt + o.ms <= downUntil);
  expect(sentWhileDown.length).toBeGreaterThan(10);
  expect(sentWhileDown.filter((o) => !o.codes.includes('SERVICE_UNAVAILABLE')).map(describeOutcome)).toEqual([]);
  // Once /readyz said so, the same server process answered everything again.
  const sentAfterRecovery = outcomes.filter((o) => o.startedAt >= recoveredAt);
  expect(sentAfterRecovery.length).toBeGreaterThan(12);
  expect(sentAfterRecovery.filter((o) => !o.ok).map(describeOutcome)).toEqual([]);
  expect(server.running()).toBe(true);

  // Nothing acknowledged was lost, nothing was half-written.
  expect(await missingAcknowledgedWrites(verifier, acknowledged)).toEqual([]);
  expect(await invariantViolations(verifier)).toEqual({});

  // The live feed reconnected by itself: the subscriber got every event committed since it
  // subscribed, in order, once each.
  const committed: string[] = (await verifier.query(`SELECT id::text FROM commitment_event WHERE id > $1 ORDER BY id`, [lastEventId])).map((r: { id: string }) =>
    encodeEventCursor(r.id),
  );
  await subscriber.waitForCount(committed.length, 15_000);
  await pause(300);
  expect(subscriber.errors).toEqual([]);
  expect(subscriber.events.map((e) => e.cursor)).toEqual(committed);
});
