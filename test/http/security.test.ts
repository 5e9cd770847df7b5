import { Writable } from 'node:stream';
import { createApiKey, revokeApiKey } from '../../src/api-keys/api-key.service';
import { loadConfig } from '../../src/config';
import { createClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logger';
import { RunningServer, startServer } from '../../src/server';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A production-mode server whose logs are captured: CORS for one origin, request ids, no secret in
 * any log line, no internal detail in any answer.
 */
let database: TestDatabase;
let server: RunningServer;
const logLines: string[] = [];
let editorKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'trace', CORS_ORIGINS: 'https://dash.example', RATE_LIMIT_PER_MINUTE: '0' });
  const clock = createClock({ timeZone: 'UTC' });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  editorKey = (await createApiKey(database.db, clock, { name: 'reporter', role: 'EDITOR' })).key;
  server = await startServer({ db: database.db, config, clock, log: createLogger(config.logLevel, sink) }, 0);
});
afterAll(async () => {
  await server.stop();
  await database.drop();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('CORS (CORS_ORIGINS)', () => {
  it('allows a listed origin', async () => {
    const res = await post({ query: '{ __typename }' }, { origin: 'https://dash.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
  });

  it('answers a preflight from a listed origin, allowing the Authorization header', async () => {
    const res = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://dash.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives any other origin no CORS headers, so browsers keep the answer from it', async () => {
    const res = await post({ query: '{ __typename }' }, { origin: 'https://elsewhere.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request ids', () => {
  it('gives each request an id in X-Request-Id and logs its line under that id', async () => {
    const res = await post({ query: '{ parties { code } }' });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.reqId === id && l.msg === 'request');
    expect(line).toMatchObject({ method: 'POST', path: '/graphql', status: 200, level: 30 });
    expect(line.ms).toEqual(expect.any(Number));
  });

  it('keeps a caller id that looks like one and replaces one that does not', async () => {
    expect((await post({ query: '{ __typename }' }, { 'x-request-id': 'trace-42.a' })).headers.get('x-request-id')).toBe('trace-42.a');
    const replaced = (await post({ query: '{ __typename }' }, { 'x-request-id': 'has spaces and {braces}' })).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('production mode', () => {
  it('keeps introspection on (a public API)', async () => {
    const body = await (await post({ query: '{ __schema { queryType { name } } }' })).json();
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('answers a body that does not decompress with a plain sentence, not zlib\'s', async () => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip at all' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/could not decompress the body/);
    expect(JSON.stringify(body)).not.toMatch(/header check|zlib|Z_/i);
  });

  it('answers an internal failure without its message, SQL or stack, and never with HTTP 500', async () => {
    const broken = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
    const brokenServer = await startServer({ db: broken.db, config, clock: createClock({ timeZone: 'UTC' }), log: createLogger('silent') }, 0);
    try {
      await broken.db.query('DROP TABLE party CASCADE');
      const res = await fetch(brokenServer.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ parties { code } }' }) });
      expect(res.status).toBeLessThan(500);
      const text = await res.text();
      expect(JSON.parse(text).errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(text).not.toMatch(/relation|party|SELECT|stack|\.ts:|\.js:/i);
    } finally {
      await brokenServer.stop();
      await broken.drop();
    }
  });
});

describe('secrets', () => {
  it('never writes an API key to the log, whatever the request carried it in', async () => {
    const auth = { authorization: `Bearer ${editorKey}` };
    await post({ query: '{ parties { code } }' }, auth);
    await post({ query: '{ noSuchField }' }, auth);
    await post({ query: 'mutation { createApiKey(input: { name: "x", role: EDITOR }) { key } }' }, auth);
    await post({ query: '{ parties { code } }' }, { authorization: `Bearer ${editorKey}x` });
    const url = new URL(server.url);
    url.searchParams.set('query', `{ parties { code } }`);
    url.searchParams.set('variables', JSON.stringify({ key: editorKey }));
    await fetch(url, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(logLines.length).toBeGreaterThan(5);
    const secretPart = editorKey.slice(4, 20);
    expect(logLines.filter((l) => l.includes(secretPart))).toEqual([]);
  });
});

describe('anonymous rate limit (RATE_LIMIT_PER_MINUTE)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => app.stop());

  const query = (headers: Record<string, string> = {}) =>
    fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ parties { code } }' }) });

  it('answers 429 with Retry-After and RATE_LIMITED past the limit, then exempts only valid keys', async () => {
    for (let i = 0; i < 3; i++) expect((await query()).status).toBe(200);
    const limited = await query();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await limited.json()) as { errors: { extensions: unknown }[] };
    expect(body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', limit: 3, retryAfterSeconds: retryAfter });

    const { key } = await createApiKey(app.db, app.clock, { name: 'editor', role: 'EDITOR' });
    expect((await query({ authorization: `Bearer ${key}` })).status).toBe(200);
    expect((await query({ authorization: `Bearer ${key}-forged` })).status).toBe(429);
    await revokeApiKey(app.db, app.clock, 'editor');
    expect((await query({ authorization: `Bearer ${key}` })).status).toBe(429);
  });

  it('never limits the health checks', async () => {
    const base = new URL(app.url).origin;
    for (let i = 0; i < 5; i++) expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
