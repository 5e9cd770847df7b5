import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { toGlobalId } from '../../src/graphql/global-id';
import { createParty } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const ADMIN_KEY = 'webhook-test-admin-key-0123456789';
const ENV = {
  ADMIN_API_KEY: ADMIN_KEY,
  WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
  WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
  WEBHOOK_RETRY_BASE_MS: '200',
};
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
jest.setTimeout(60_000);

let app: TestApp;
let receiver: WebhookReceiver;

beforeAll(async () => {
  app = await startTestApp({ env: ENV });
  await createParty(app.db, 'PK', 'Pakistan');
  await createParty(app.db, 'CN', 'China');
  receiver = await new WebhookReceiver().start();
});
afterAll(async () => {
  await app.stop();
  await receiver.stop();
});
beforeEach(async () => {
  await app.db.query(`DELETE FROM webhook`);
  receiver.received.length = 0;
  receiver.respond = (_req, res) => res.writeHead(200).end('ok');
});

const CREATE = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url kinds createdAt pending lastDeliveredAt lastError } } }`;
const LIST = `{ webhooks { id url kinds pending lastDeliveredAt lastError } }`;

async function createWebhook(input: Record<string, unknown>) {
  const res = await app.graphql(CREATE, { input }, admin);
  expect(res.errors).toBeUndefined();
  return res.data.createWebhook as { secret: string; webhook: { id: string; url: string; kinds: string[]; pending: number } };
}

async function createCommitment(title: string, partyCodes = ['PK']): Promise<string> {
  const res = await app.graphql(`mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id } } }`, {
    input: { title, partyCodes, dueDate: '2026-09-01' },
  }, admin);
  expect(res.errors).toBeUndefined();
  return res.data.createCommitment.commitment.id;
}

async function listWebhooks() {
  const res = await app.graphql(LIST, {}, admin);
  expect(res.errors).toBeUndefined();
  return res.data.webhooks as { id: string; pending: number; lastDeliveredAt: string | null; lastError: string | null }[];
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('createWebhook', () => {
  it('returns a whsec_ secret once and stores it only encrypted', async () => {
    const { secret, webhook } = await createWebhook({ url: receiver.url });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(webhook).toMatchObject({ url: receiver.url, kinds: [], pending: 0 });
    const [row] = await app.db.query(`SELECT row_to_json(w)::text AS text FROM webhook w`);
    expect(row.text).not.toContain(secret.slice(6));
    expect(row.text).not.toContain(Buffer.from(secret.slice(6), 'base64').toString('hex'));
    expect((await listWebhooks())[0]).not.toHaveProperty('secret');
  });

  it('is for ADMIN keys only, as are webhooks and deleteWebhook', async () => {
    const editor = await app.graphql(`mutation { createApiKey(input: { name: "webhook-editor", role: EDITOR }) { key } }`, {}, admin);
    const asEditor = { authorization: `Bearer ${editor.data.createApiKey.key}` };
    const create = await app.graphql(CREATE, { input: { url: receiver.url } }, asEditor);
    expect(create.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await app.graphql(LIST, {})).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await app.graphql(`mutation { deleteWebhook(id: "${toGlobalId('Webhook', 1)}") { id } }`, {}, asEditor)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await app.graphql(`{ node(id: "${toGlobalId('Webhook', 1)}") { id } }`, {})).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await app.db.query(`SELECT id FROM webhook`)).toEqual([]);
  });

  it.each([
    ['http://example.org/hook', 'input.url', /must be an https URL/],
    ['ftp://example.org/hook', 'input.url', /must be an https URL/],
    ['https://10.1.2.3/hook', 'input.url', /10\.1\.2\.3 is a private address/],
    ['https://169.254.169.254/latest/meta-data', 'input.url', /link-local or metadata/],
    ['https://[::1]/hook', 'input.url', /loopback/],
    ['https://user:pass@example.org/hook', 'input.url', /user name or password/],
    ['not a url', 'input.url', /not an absolute URL/],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (url, field, message) => {
    const res = await app.graphql(CREATE, { input: { url } }, admin);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors?.[0].message).toMatch(message);
    expect(await app.db.query(`SELECT id FROM webhook`)).toEqual([]);
  });

  it('refuses an unknown party code in the filter, naming the field', async () => {
    const res = await app.graphql(CREATE, { input: { url: receiver.url, filter: { partyCodes: ['ZZ'] } } }, admin);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.filter.partyCodes' });
    expect(await app.db.query(`SELECT id FROM webhook`)).toEqual([]);
  });
});

describe('deliveries', () => {
  it('POSTs each matching event with Standard Webhooks headers that the standardwebhooks package verifies', async () => {
    const { secret, webhook } = await createWebhook({ url: receiver.url });
    const commitmentId = await createCommitment('Signed delivery');
    await receiver.until((r) => r.length >= 1);
    const [delivery] = receiver.received;
    const payload = new Webhook(secret).verify(delivery.body, delivery.headers) as Record<string, unknown>;
    expect(payload).toEqual({
      id: expect.any(String),
      kind: 'CREATED',
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      commitmentId,
      followUpId: null,
      previousStatus: null,
      status: expect.any(String),
    });
    expect(delivery.headers['webhook-id']).toMatch(/^msg_\d+_\d+$/);
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(delivery.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    // Signed with this webhook's secret and no other.
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(delivery.body, delivery.headers)).toThrow();
    const [listed] = await until(listWebhooks, (l) => l[0]?.lastDeliveredAt !== null);
    expect(listed).toMatchObject({ id: webhook.id, pending: 0, lastError: null });
  });

  it('sends only the kinds and commitments asked for', async () => {
    await createWebhook({ url: receiver.url, kinds: ['CREATED'], filter: { partyCodes: ['CN'] } });
    await createCommitment('Pakistan only', ['PK']);
    const wanted = await createCommitment('China too', ['CN', 'PK']);
    await receiver.until((r) => r.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.map((r) => JSON.parse(r.body)).map((p) => [p.kind, p.commitmentId])).toEqual([['CREATED', wanted]]);
  });

  it('retries a failing receiver, keeping later events waiting, then delivers all of them in order', async () => {
    await createWebhook({ url: receiver.url });
    receiver.respond = (_req, res) => res.writeHead(500).end('down');
    const first = await createCommitment('First while failing');
    const second = await createCommitment('Second while failing');
    const failing = await until(listWebhooks, (l) => l[0]?.lastError === 'HTTP 500');
    expect(failing[0].pending).toBe(2);
    await receiver.until((r) => r.length >= 3); // the first event, tried again and again
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).commitmentId))).toEqual(new Set([first]));
    receiver.respond = (_req, res) => res.writeHead(204).end();
    await receiver.until((r) => r.some((x) => JSON.parse(x.body).commitmentId === second));
    const order = receiver.received.map((r) => JSON.parse(r.body).commitmentId).filter((id, i, all) => all.indexOf(id) === i);
    expect(order).toEqual([first, second]);
    // Every attempt at one event carries the same webhook-id.
    expect(new Set(receiver.received.filter((r) => JSON.parse(r.body).commitmentId === first).map((r) => r.headers['webhook-id'])).size).toBe(1);
    const [done] = await until(listWebhooks, (l) => l[0].pending === 0 && l[0].lastError === null);
    expect(done.lastDeliveredAt).not.toBeNull();
  });

  it('keeps delivering to other webhooks while one receiver hangs without answering', async () => {
    const stuck = await new WebhookReceiver().start();
    stuck.respond = () => undefined; // holds every request open until the 10 s timeout
    try {
      await createWebhook({ url: stuck.url });
      await createWebhook({ url: receiver.url });
      const started = Date.now();
      const id = await createCommitment('Past a hanging receiver');
      await stuck.until((r) => r.length >= 1);
      await receiver.until((r) => r.some((x) => JSON.parse(x.body).commitmentId === id), 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await stuck.stop();
    }
  });

  it('does not follow a redirect: the attempt fails and the target is never asked', async () => {
    await createWebhook({ url: receiver.url });
    receiver.respond = (req, res) => res.writeHead(req.url === '/hook' ? 307 : 200, { location: `${receiver.url}-elsewhere` }).end();
    await createCommitment('Redirected');
    await until(listWebhooks, (l) => l[0]?.lastError === 'HTTP 307 (redirects are not followed)');
    expect(new Set(receiver.received.map((r) => r.path))).toEqual(new Set(['/hook']));
    expect(receiver.received.length).toBeGreaterThan(0);
  });

  it('refuses, at delivery time, a host name that resolves to a loopback address', async () => {
    await createWebhook({ url: `https://localhost:${receiver.port}/hook` });
    await createCommitment('Aimed at localhost');
    const [listed] = await until(listWebhooks, (l) => l[0]?.lastError !== null);
    expect(listed.lastError).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(receiver.received).toEqual([]);
  });

  it('deleteWebhook stops deliveries at once and drops what is pending', async () => {
    const { webhook } = await createWebhook({ url: receiver.url });
    receiver.respond = (_req, res) => res.writeHead(503).end();
    await createCommitment('Never delivered');
    await receiver.until((r) => r.length >= 1);
    const deleted = await app.graphql(`mutation ($id: ID!) { deleteWebhook(id: $id) { id url } }`, { id: webhook.id }, admin);
    expect(deleted.data.deleteWebhook).toEqual({ id: webhook.id, url: receiver.url });
    const seen = receiver.received.length;
    receiver.respond = (_req, res) => res.writeHead(200).end();
    await createCommitment('After deletion');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.received.length).toBe(seen);
    const again = await app.graphql(`mutation ($id: ID!) { deleteWebhook(id: $id) { id } }`, { id: webhook.id }, admin);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

describe('without a secret key', () => {
  it('refuses createWebhook with a message saying how to set WEBHOOK_SECRET_KEY', async () => {
    const keyless = await startTestApp({ shareDatabaseOf: app, env: { ADMIN_API_KEY: ADMIN_KEY } });
    try {
      const res = await keyless.graphql(CREATE, { input: { url: 'https://example.org/hook' } }, admin);
      expect(res.errors?.[0].extensions.code).toBe('NOT_CONFIGURED');
      expect(res.errors?.[0].message).toMatch(/WEBHOOK_SECRET_KEY.*openssl rand -base64 32/);
      expect(await app.db.query(`SELECT id FROM webhook`)).toEqual([]);
    } finally {
      await keyless.stop();
    }
  });
});
