import { encodeEventCursor } from '../../src/events/event-cursor';
import { createTestDatabase, TestDatabase } from '../support/database';
import { codesOf, openRawSocket, RawSocket } from '../support/raw-graphql-ws';
import { ServerProcess, startServerProcess } from '../support/server-process';

/**
 * What one client can send over a WebSocket (and the matching HTTP requests) to a real production
 * server process: each attack as the probe made it, scaled down to stay fast, and the limit that
 * now stops it. The server trusts one proxy hop, so each test speaks from an address of its own
 * (X-Forwarded-For) and the per-address limits of one test do not spill into the next.
 */
jest.setTimeout(90_000);

const LIMITS = {
  WS_MAX_CONNECTIONS_PER_IP: '4',
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '5',
  WS_MAX_DISTINCT_OPERATIONS: '6',
  RATE_LIMIT_PER_MINUTE: '40',
  CORS_ORIGINS: 'https://dash.example',
  TRUST_PROXY: '1',
};
let database: TestDatabase;
let server: ServerProcess;
let wsUrl: string;
let healthUrl: string;
const sockets: RawSocket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServerProcess({ databaseUrl: database.url, env: LIMITS, startTimeoutMs: 90_000 }); // seeds the empty database
  wsUrl = server.url.replace(/^http/, 'ws');
  healthUrl = server.url.replace(/\/graphql$/, '/healthz');
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
  await server?.dispose();
  await database?.drop();
});

let nextAddress = 1;
/** A client address of its own for one test. */
const newClient = () => `10.17.0.${nextAddress++}`;

async function socketFrom(address: string, options: { origin?: string } = {}): Promise<RawSocket> {
  const socket = await openRawSocket(wsUrl, { headers: { 'x-forwarded-for': address }, ...options });
  sockets.push(socket);
  return socket;
}

function post(body: unknown, address: string): Promise<{ status: number; json: any; ms: number }> {
  const started = Date.now();
  return fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: typeof body === 'string' ? body : JSON.stringify(body) })
    .then(async (res) => ({ status: res.status, json: await res.json(), ms: Date.now() - started }));
}

async function healthMs(): Promise<number> {
  const started = Date.now();
  expect((await fetch(healthUrl)).status).toBe(200);
  return Date.now() - started;
}

/** Hundreds of aliases, just under MAX_QUERY_TOKENS (5,000), far over MAX_ALIASES (30). */
const aliasFlood = `{ ${Array.from({ length: 800 }, (_, i) => `a${i}:parties{code}`).join(' ')} }`;
/** The same field repeated, no alias at all: quadratic work for validation's overlapping-fields rule. */
const repeatFlood = `{ ${'parties{code} '.repeat(1_200)} }`;

const errorLogLines = () => server.logs().filter((l) => typeof l.level === 'number' && (l.level as number) >= 50);

describe('frames and documents (1)', () => {
  it('closes a socket whose message is larger than MAX_BODY_BYTES, at once, and stays responsive', async () => {
    const socket = await socketFrom(newClient());
    const started = Date.now();
    socket.sendRaw(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ parties { code } } #${'x'.repeat(300_000)}` } }));
    const { code } = await socket.closed;
    expect(code).toBe(1009); // message too big
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await healthMs()).toBeLessThan(1_000);
  });

  it('refuses thousands of aliases, or one field repeated a thousand times, before validation, on both transports, in milliseconds', async () => {
    const address = newClient();
    const socket = await socketFrom(address);
    for (const [i, query] of [aliasFlood, repeatFlood].entries()) {
      expect(query.length).toBeLessThan(100_000);
      const started = Date.now();
      const answer = await socket.operation(`flood-${i}`, { query });
      const wsMs = Date.now() - started;
      expect(codesOf(answer)).toEqual(['TOO_MANY_ALIASES']);
      const http = await post({ query }, address);
      expect(http.json.errors.map((e: any) => e.extensions.code)).toEqual(['TOO_MANY_ALIASES']);
      // Validation of the repeated fields alone takes over half a second on this machine; the
      // refusal is a linear walk. Generous bounds, for a busy machine.
      expect(wsMs).toBeLessThan(400);
      expect(http.ms).toBeLessThan(400);
    }
    expect(await healthMs()).toBeLessThan(1_000);
  });

  it('stops parsing a 90 KB document of thousands of aliases at MAX_QUERY_TOKENS with GRAPHQL_PARSE_FAILED, on both transports, in milliseconds', async () => {
    const address = newClient();
    const query = `{ ${Array.from({ length: 5_000 }, (_, i) => `a${i}:parties{code}`).join(' ')} }`;
    expect(query.length).toBeGreaterThan(80_000);
    const started = Date.now();
    const answer = await (await socketFrom(address)).operation('tokens', { query });
    const wsMs = Date.now() - started;
    expect(codesOf(answer)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(answer.payload[0].message).toMatch(/more tha[nt] 5000 tokens/); // graphql-js's own wording
    const http = await post({ query }, address);
    expect(http.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(wsMs).toBeLessThan(400);
    expect(http.ms).toBeLessThan(400);
  });
});

describe('connections and subscriptions (2, 7)', () => {
  it('opens at most WS_MAX_CONNECTIONS_PER_IP sockets per client address, and again once one closes', async () => {
    const address = newClient();
    const open = await Promise.all(Array.from({ length: 4 }, () => socketFrom(address)));
    await expect(socketFrom(address)).rejects.toMatchObject({ status: 429 });
    await expect(socketFrom(newClient())).resolves.toBeDefined(); // another address is not affected
    await open[0].close();
    await new Promise((r) => setTimeout(r, 200));
    await expect(socketFrom(address)).resolves.toBeDefined();
  });

  it('runs at most WS_MAX_SUBSCRIPTIONS_PER_CONNECTION operations at once on one socket', async () => {
    const socket = await socketFrom(newClient());
    const subscription = (id: string) =>
      socket.operation(id, { query: 'subscription { commitmentEvents(filter: { search: "no such words anywhere" }) { cursor } }' }, 1_500).catch(() => null);
    // The five that fit stay open (no answer); the sixth is refused.
    const five = ['s1', 's2', 's3', 's4', 's5'].map(subscription);
    await new Promise((r) => setTimeout(r, 500));
    const sixth = await socket.operation('s6', { query: '{ parties { code } }' });
    expect(codesOf(sixth)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect(sixth.payload[0].message).toMatch(/WS_MAX_SUBSCRIPTIONS_PER_CONNECTION/);
    expect(await Promise.all(five)).toEqual([null, null, null, null, null]);
    socket.sendRaw(JSON.stringify({ id: 's1', type: 'complete' }));
    await new Promise((r) => setTimeout(r, 200));
    const afterOne = await socket.operation('s7', { query: '{ parties { code } }' });
    expect(afterOne.type).toBe('next');
    await socket.close();
  });

  it('bounds the distinct subscription operations live on the server, and always lets a client join one that runs', async () => {
    const sockets = await Promise.all([socketFrom(newClient()), socketFrom(newClient())]);
    const query = (i: number) => `subscription D${i} { commitmentEvents(filter: { search: "distinct ${i}" }) { cursor } }`;
    const quiet = (socket: RawSocket, id: string, text: string) => socket.operation(id, { query: text }, 800).catch(() => null);
    expect(await Promise.all([0, 1, 2, 3, 4].map((i) => quiet(sockets[0], `d${i}`, query(i))))).toEqual([null, null, null, null, null]);
    expect(await quiet(sockets[1], 'd5', query(5))).toBeNull(); // the sixth distinct one fits
    const seventh = await sockets[1].operation('d6', { query: query(6) });
    expect(codesOf(seventh)).toEqual(['SUBSCRIPTION_CAPACITY']);
    expect(await quiet(sockets[1], 'again-0', query(0))).toBeNull(); // the same text as a live one: shared, so allowed
    await Promise.all(sockets.map((s) => s.close()));
    await new Promise((r) => setTimeout(r, 300));
    const freed = await socketFrom(newClient());
    expect(await quiet(freed, 'd6', query(6))).toBeNull();
    await freed.close();
  });

  it('checks the Origin of a browser\'s socket against CORS_ORIGINS, and lets the server\'s own pages and non-browser clients in', async () => {
    await expect(socketFrom(newClient(), { origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });
    await expect(socketFrom(newClient(), { origin: 'https://dash.example' })).resolves.toBeDefined();
    await expect(socketFrom(newClient(), { origin: new URL(server.url).origin })).resolves.toBeDefined();
    await expect(socketFrom(newClient())).resolves.toBeDefined();
  });

  it('replays from the first cursor through a filter that matches nothing without reading the log, for many subscribers at once', async () => {
    const socket = await socketFrom(newClient());
    const first = encodeEventCursor('0');
    const replays = ['r1', 'r2', 'r3', 'r4'].map((id) =>
      socket.operation(id, { query: `subscription { commitmentEvents(after: "${first}", filter: { search: "matches nothing at all" }) { cursor } }` }, 1_000).catch(() => null),
    );
    expect(await Promise.all(replays)).toEqual([null, null, null, null]);
    expect(await healthMs()).toBeLessThan(1_000);
    await socket.close();
  });
});

describe('the budget and the cache over a socket (3)', () => {
  it('counts every query over a socket against the same per-client budget as HTTP', async () => {
    const address = newClient();
    const socket = await socketFrom(address);
    const codes: string[][] = [];
    for (let i = 0; i < 45; i++) codes.push(codesOf(await socket.operation(`q${i}`, { query: '{ parties { code } }' })));
    expect(codes.slice(0, 40).every((c) => c.length === 0)).toBe(true);
    expect(codes.slice(40)).toEqual(Array(5).fill(['RATE_LIMITED']));
    const http = await post({ query: '{ parties { code } }' }, address);
    expect(http.status).toBe(429); // the socket spent the address's budget
    expect((await post({ query: '{ parties { code } }' }, newClient())).status).toBe(200);
  });

  it('answers an anonymous query over a socket from the response cache HTTP fills, and fills it for HTTP', async () => {
    const address = newClient();
    const socket = await socketFrom(address);
    const query = '{ parties { code name } socketCache: commitments(first: 3) { nodes { id } } }';
    const viaSocket = await socket.operation('c1', { query });
    expect(viaSocket.type).toBe('next');
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ query }) });
    expect(res.headers.get('x-response-cache')).toBe('HIT');
    expect(await res.json()).toEqual(viaSocket.payload);
  });
});

describe('bad input over a socket and over HTTP (6)', () => {
  it('answers with the codes HTTP uses, and logs nothing at error level', async () => {
    const address = newClient();
    const socket = await socketFrom(address);
    const cases: [Record<string, unknown>, string][] = [
      [{ query: '{ nope }' }, 'GRAPHQL_VALIDATION_FAILED'],
      [{ query: '{ parties { code } ' }, 'GRAPHQL_PARSE_FAILED'],
      [{ query: 'query A { parties { code } }', operationName: 'B' }, 'OPERATION_RESOLUTION_FAILURE'],
      [{ query: 'query A { parties { code } } query B { parties { name } }' }, 'OPERATION_RESOLUTION_FAILURE'],
      [{ query: 'query($n: Int) { commitments(first: $n) { totalCount } }', variables: { n: 'many' } }, 'BAD_USER_INPUT'],
    ];
    for (const [i, [payload, code]] of cases.entries()) {
      const answer = await socket.operation(`bad-${i}`, payload);
      expect({ payload, codes: codesOf(answer) }).toEqual({ payload, codes: [code] });
      const http = await post(payload, address);
      expect({ payload, status: http.status, codes: http.json.errors.map((e: any) => e.extensions.code) }).toEqual({ payload, status: 200, codes: [code] });
    }
    expect(errorLogLines()).toEqual([]);
  });

  it('never answers 500 for an unused variable nested 10,000 deep, on either transport', async () => {
    const address = newClient();
    // Written out by hand: JSON.stringify itself overflows its stack on it.
    const payload = `{"query":"query Q { parties { code } }","variables":{"unused":${'['.repeat(10_000)}1${']'.repeat(10_000)}}}`;
    const http = await post(payload, address);
    expect(http.status).toBe(200);
    expect(http.json.data.parties.length).toBeGreaterThan(0);
    const answer = await (await socketFrom(address)).operation('deep', payload);
    expect(answer.type).toBe('next');
    expect(answer.payload.data.parties.length).toBeGreaterThan(0);
    expect(errorLogLines()).toEqual([]);
  });
});
