import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createParty } from '../support/factories';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { Received, WebhookReceiver } from '../support/webhook-receiver';

/**
 * Webhook deliveries across what happens to real deployments, on real server processes: a receiver
 * that goes away and comes back, a server killed with SIGKILL in the middle of a delivery, and two
 * servers sharing one database.
 */
const ADMIN_KEY = 'durable-webhooks-admin-key-0123456789';
const ENV = {
  ADMIN_API_KEY: ADMIN_KEY,
  WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
  WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
  WEBHOOK_RETRY_BASE_MS: '200',
};
jest.setTimeout(240_000);

let database: TestDatabase;
let servers: ServerProcess[] = [];
let receivers: WebhookReceiver[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
  await createParty(database.db, 'PK', 'Pakistan');
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.dispose()));
  await Promise.all(receivers.map((r) => r.stop()));
  servers = [];
  receivers = [];
  await database.drop();
});

async function server(): Promise<ServerProcess> {
  // Generous: on a machine busy with other test files a process can take long to start.
  const s = await startServerProcess({ databaseUrl: database.url, env: ENV, startTimeoutMs: 90_000 });
  servers.push(s);
  return s;
}

async function receiver(): Promise<WebhookReceiver> {
  const r = await new WebhookReceiver().start();
  receivers.push(r);
  return r;
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function createWebhook(url: string, target: string): Promise<string> {
  const data = await graphql(url, `mutation ($url: String!) { createWebhook(input: { url: $url }) { secret } }`, { url: target });
  return data.createWebhook.secret;
}

/** Writes `count` commitments one after another; returns their ids in write (event) order. */
async function writeCommitments(url: string, count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const data = await graphql(url, `mutation ($title: String!) { createCommitment(input: { title: $title, partyCodes: ["PK"] }) { commitment { id } } }`, {
      title: `${tag} ${i}`,
    });
    ids.push(data.createCommitment.commitment.id);
  }
  return ids;
}

const commitmentOf = (r: Received) => JSON.parse(r.body).commitmentId as string;
/** Deliveries with repeats (same webhook-id) dropped, as a receiver de-duplicating would see them. */
const firstOfEach = (received: Received[]) => received.filter((r, i) => received.findIndex((x) => x.headers['webhook-id'] === r.headers['webhook-id']) === i);

it('delivers everything, in order, to a receiver that was down for a while and came back', async () => {
  const hook = await receiver();
  const api = await server();
  const secret = await createWebhook(api.url, hook.url);
  await hook.stop();
  const ids = await writeCommitments(api.url, 6, 'while down');
  // The server keeps trying (connection refused) with growing delays, and logs the failures.
  await waitFor(async () => (await graphql(api.url, `{ webhooks { lastError pending } }`)).webhooks[0], (w) => w.lastError === 'connection refused' && w.pending === 6);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await hook.start(); // same port
  await hook.until((r) => firstOfEach(r).length >= 6);
  const delivered = firstOfEach(hook.received);
  expect(delivered.map(commitmentOf)).toEqual(ids);
  for (const d of hook.received) expect(new Webhook(secret).verify(d.body, d.headers)).toBeTruthy();
  const [w] = (await graphql(api.url, `{ webhooks { lastError pending lastDeliveredAt } }`)).webhooks;
  expect(w).toMatchObject({ lastError: null, pending: 0 });
  // Neither the secret nor any signature ever reached the log.
  const log = api.output();
  expect(log).toContain('webhooks: delivery failed; will retry');
  expect(log).not.toContain(secret.slice(6));
  for (const d of hook.received) expect(log).not.toContain(d.headers['webhook-signature'].slice(3));
});

it('redelivers, with the same webhook-id, what a server killed with SIGKILL mid-delivery had not had acknowledged, and loses nothing', async () => {
  const hook = await receiver();
  const doomed = await server();
  await createWebhook(doomed.url, hook.url);
  // Until the writes are in, the receiver answers 503 (the first event waits, retried); then the
  // third delivery it accepts is held open and the server is killed while it waits for the answer.
  let accepting = false;
  let accepted = 0;
  let held: Received | undefined;
  hook.respond = (_req, res) => {
    if (!accepting) return void res.writeHead(503).end();
    if (++accepted === 3 && !held) {
      held = hook.received[hook.received.length - 1];
      doomed.kill('SIGKILL');
      setTimeout(() => res.writeHead(200).end(), 500);
      return;
    }
    res.writeHead(200).end();
  };
  const ids = await writeCommitments(doomed.url, 5, 'before the kill');
  accepting = true;
  await hook.until(() => held !== undefined);
  expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });

  const successor = await server();
  const more = await writeCommitments(successor.url, 2, 'after the kill');
  // The dead server's lease runs out (15 s) and the successor carries on from the row's position.
  await hook.until((r) => new Set(r.map(commitmentOf)).size >= 7, 60_000);
  const delivered = firstOfEach(hook.received);
  expect(delivered.map(commitmentOf)).toEqual([...ids, ...more]);
  const attemptsAtHeld = hook.received.filter((r) => r.headers['webhook-id'] === held!.headers['webhook-id']);
  expect(attemptsAtHeld.length).toBeGreaterThanOrEqual(2);
  expect(attemptsAtHeld[1].body).toBe(held!.body);
});

it('two servers on one database deliver each event once between them', async () => {
  const hook = await receiver();
  const [a, b] = await Promise.all([server(), server()]);
  for (let i = 0; i < 4; i++) await createWebhook(i % 2 ? a.url : b.url, `${hook.url}?n=${i}`);
  const ids = [...(await writeCommitments(a.url, 10, 'via a')), ...(await writeCommitments(b.url, 10, 'via b'))];
  await hook.until((r) => r.length >= 80, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // any duplicate would have arrived by now
  expect(hook.received).toHaveLength(80);
  expect(new Set(hook.received.map((r) => r.headers['webhook-id'])).size).toBe(80);
  for (let i = 0; i < 4; i++) {
    expect(hook.received.filter((r) => r.path === `/hook?n=${i}`).map(commitmentOf)).toEqual(ids);
  }
});

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last ${JSON.stringify(v)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
