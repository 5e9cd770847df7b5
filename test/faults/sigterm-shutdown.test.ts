import { connect } from 'node:net';
import { Client } from 'pg';
import { encodeEventCursor } from '../../src/events/event-cursor';
import { createTestDatabase, TestDatabase } from '../support/database';
import { pause, subscribe, Subscriber } from '../support/live-client';
import { ServerProcess, startServerProcess } from '../support/server-process';

/**
 * SIGTERM to a real server process (what an orchestrator sends before it kills) while requests
 * are in flight and subscribers are connected. The requests are held in flight honestly: they
 * wait in Postgres for a lock the test holds on the party table, as they would behind any long
 * transaction, and go on as soon as it is released.
 */
const ADMIN_KEY = 'fault-admin-key-0123456789abcdef';
jest.setTimeout(60_000);

let database: TestDatabase | undefined;
let server: ServerProcess | undefined;
let locker: Client | undefined;
const subscribers: Subscriber[] = [];

afterAll(async () => {
  await locker?.end().catch(() => undefined);
  await Promise.all(subscribers.map((s) => s.dispose().catch(() => undefined)));
  await server?.dispose();
  await database?.drop();
});

interface Answer {
  status: number;
  body: { data?: any; errors?: unknown[] };
}

function post(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as Answer['body'] }));
}

/** Whether a new TCP connection to the port is refused (rather than accepted). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms\n${server?.output().slice(-3000)}`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

it('on SIGTERM lets requests in flight finish with their data, closes subscriptions with 1001, refuses new connections and exits 0', async () => {
  database = await createTestDatabase();
  server = await startServerProcess({ databaseUrl: database.url, env: { ADMIN_API_KEY: ADMIN_KEY } }); // seeds the empty database
  const { url, port } = server;

  // Two live subscribers, each replaying the log from the start: once they have events, they are subscribed.
  for (let i = 0; i < 2; i++) subscribers.push(subscribe(url, { after: encodeEventCursor('0') }, 'cursor kind'));
  await Promise.all(subscribers.map((s) => s.waitForCount(1, 10_000)));

  // A read and a write that reach Postgres and wait there for the test's lock.
  locker = new Client({ connectionString: database.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE party IN ACCESS EXCLUSIVE MODE');
  let settled = 0;
  const read = post(url, '{ parties { code name } }').finally(() => settled++);
  const write = post(
    url,
    'mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id title version } } }',
    { input: { title: 'Written during shutdown', partyCodes: ['PK'] } },
    { authorization: `Bearer ${ADMIN_KEY}` },
  ).finally(() => settled++);
  for (const p of [read, write]) p.catch(() => undefined); // awaited below; no unhandled rejection if the test fails first
  const lockWaiters = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  while ((await locker.query(lockWaiters)).rows[0].n < 2) await pause(50);

  const signalledAt = Date.now();
  server.kill('SIGTERM');

  // The subscribers are told the server is going away.
  for (const s of subscribers) expect(await within(s.failure, 5_000, 'subscriber closed')).toMatchObject({ code: 1001 });
  // It stops taking connections, HTTP or WebSocket alike, while it still serves the two requests.
  let refusing = false;
  for (const deadline = Date.now() + 5_000; !refusing && Date.now() < deadline; await pause(50)) refusing = await refused(port);
  expect(refusing).toBe(true);
  expect(settled).toBe(0);
  expect(server.running()).toBe(true);
  const late = subscribe(url, {}, 'cursor kind');
  subscribers.push(late);
  expect(await within(late.failure, 5_000, 'a late subscriber refused')).toBeDefined();
  expect(late.events).toEqual([]);

  // Once the lock goes, both requests finish with their data, and the process exits cleanly.
  const releasedAt = Date.now();
  await locker.query('ROLLBACK');
  const [readAnswer, writeAnswer] = await within(Promise.all([read, write]), 10_000, 'requests in flight answered');
  expect(readAnswer).toEqual({ status: 200, body: { data: { parties: expect.arrayContaining([{ code: 'PK', name: expect.any(String) }]) } } });
  expect(writeAnswer).toMatchObject({ status: 200, body: { data: { createCommitment: { commitment: { title: 'Written during shutdown', version: 1 } } } } });
  expect(writeAnswer.body.errors).toBeUndefined();
  expect(await within(server.exited, 10_000, 'process exited')).toEqual({ code: 0, signal: null });
  expect(Date.now() - releasedAt).toBeLessThan(5_000);
  expect(Date.now() - signalledAt).toBeLessThan(15_000);
  expect(await database.db.query(`SELECT title FROM commitment WHERE title = 'Written during shutdown'`)).toHaveLength(1);
});
