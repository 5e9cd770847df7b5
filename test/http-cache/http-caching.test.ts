import { createHash } from 'node:crypto';
import { createParty } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { admin, ADMIN_KEY, CREATE_SOURCE, startWriteApp, WriteApp } from '../writes/write-app';

/**
 * HTTP caching of reads (issue 15, items 1–3): GET and persisted queries, validators and
 * Cache-Control, X-Data-Version and X-Min-Data-Version, on one server over one database.
 */
const PARTIES = 'query Parties($first: Int) { parties { code } sources(first: $first) { totalCount } }';
// Apollo's CSRF prevention wants this (or a JSON content type) on a GET; caches in front pass it on.
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

function getUrl(app: TestApp, params: { query?: string; variables?: object; hash?: string }): URL {
  const url = new URL(app.url);
  if (params.query) url.searchParams.set('query', params.query);
  if (params.variables) url.searchParams.set('variables', JSON.stringify(params.variables));
  if (params.hash) url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: params.hash } }));
  return url;
}

async function get(app: TestApp, params: { query?: string; variables?: object; hash?: string }, headers: Record<string, string> = {}) {
  const res = await fetch(getUrl(app, params), { headers: { ...PREFLIGHT, ...headers } });
  const text = await res.text();
  return { res, status: res.status, header: (name: string) => res.headers.get(name), body: text ? JSON.parse(text) : undefined, text };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('HTTP caching of GraphQL reads', () => {
  let app: WriteApp;
  beforeAll(async () => {
    app = await startWriteApp();
  });
  afterAll(() => app.stop());

  it('gives an anonymous GET read an ETag, a public Cache-Control with the default ages, X-Data-Version and Vary', async () => {
    const r = await get(app, { query: PARTIES, variables: { first: 1 } });
    expect(r.status).toBe(200);
    expect(r.body.data.parties.map((p: { code: string }) => p.code)).toEqual(['CN', 'PK']);
    expect(r.header('etag')).toMatch(/^W\/".+"$/);
    expect(r.header('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    const [{ version }] = await app.db.query(`SELECT version::int FROM data_version`);
    expect(r.header('x-data-version')).toBe(String(version));
    expect(r.header('vary')?.split(/,\s*/)).toEqual(expect.arrayContaining(['Accept', 'Authorization', 'X-Min-Data-Version']));
  });

  it('answers 304 with no body to a matching If-None-Match, and 200 again once the data changes', async () => {
    const first = await get(app, { query: PARTIES, variables: { first: 2 } });
    const again = await get(app, { query: PARTIES, variables: { first: 2 } }, { 'if-none-match': first.header('etag')! });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.header('etag')).toBe(first.header('etag'));
    expect(again.header('cache-control')).toMatch(/^public/);

    await createParty(app.db, 'IN', 'India');
    const changed = await get(app, { query: PARTIES, variables: { first: 2 } }, { 'if-none-match': first.header('etag')! });
    expect(changed.status).toBe(200);
    expect(changed.header('etag')).not.toBe(first.header('etag'));
    expect(Number(changed.header('x-data-version'))).toBeGreaterThan(Number(first.header('x-data-version')));
    expect(changed.body.data.parties.map((p: { code: string }) => p.code)).toContain('IN');
  });

  it('tags different variables, operations and days differently, and the same request the same', async () => {
    const a = (await get(app, { query: PARTIES, variables: { first: 1 } })).header('etag');
    expect((await get(app, { query: PARTIES, variables: { first: 1 } })).header('etag')).toBe(a);
    expect((await get(app, { query: PARTIES, variables: { first: 3 } })).header('etag')).not.toBe(a);
    expect((await get(app, { query: '{ parties { code } }' })).header('etag')).not.toBe(a);
  });

  it('makes keyed reads, POSTs, mutations and errors private, no-store, without an ETag', async () => {
    const keyed = await get(app, { query: PARTIES }, { authorization: `Bearer ${ADMIN_KEY}` });
    expect(keyed.status).toBe(200);
    expect(keyed.header('cache-control')).toBe('private, no-store');
    expect(keyed.header('etag')).toBeNull();

    const post = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PARTIES }) });
    expect(post.headers.get('cache-control')).toBe('private, no-store');
    expect(post.headers.get('x-data-version')).toMatch(/^\d+$/);

    const invalid = await get(app, { query: '{ noSuchField }' });
    expect(invalid.header('cache-control')).toBe('private, no-store');
    expect(invalid.header('etag')).toBeNull();
  });

  it("tells a mutation's own data version, which includes the write", async () => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({ query: CREATE_SOURCE, variables: { input: { title: 'Joint statement' } } }),
    });
    const body = (await res.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const [{ version }] = await app.db.query(`SELECT version::int FROM data_version`);
    expect(res.headers.get('x-data-version')).toBe(String(version));

    const read = await get(app, { query: '{ sources(first: 100) { nodes { title } } }' }, { 'x-min-data-version': String(version) });
    expect(Number(read.header('x-data-version'))).toBeGreaterThanOrEqual(version);
    expect(read.body.data.sources.nodes.map((s: { title: string }) => s.title)).toContain('Joint statement');
  });

  it('answers a GET whose operationName names no operation with its error, not a 500, and stores nothing', async () => {
    const url = getUrl(app, { query: PARTIES });
    url.searchParams.set('operationName', 'Nope');
    const res = await fetch(url, { headers: PREFLIGHT });
    expect(res.status).toBeLessThan(500);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses an X-Min-Data-Version that is not a data version with 400 BAD_REQUEST', async () => {
    const r = await get(app, { query: PARTIES }, { 'x-min-data-version': 'latest' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', header: 'X-Min-Data-Version' });
  });

  it('never answers a mutation over GET (405), keyed or not', async () => {
    const anonymousAndKeyed: Record<string, string>[] = [{}, { authorization: `Bearer ${ADMIN_KEY}` }];
    for (const headers of anonymousAndKeyed) {
      const r = await get(app, { query: 'mutation { __typename }' }, headers);
      expect(r.status).toBe(405);
      expect(r.header('cache-control')).toBe('private, no-store');
    }
  });

  describe('automatic persisted queries', () => {
    const QUERY = 'query PersistedParties { parties { code name } }';

    it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, never stored, then registers it from hash and query', async () => {
      const hash = sha256(QUERY);
      const miss = await get(app, { hash });
      expect(miss.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(miss.header('cache-control')).toBe('private, no-store');

      const register = await get(app, { hash, query: QUERY });
      expect(register.status).toBe(200);
      expect(register.body.data.parties.length).toBeGreaterThan(0);

      const short = await get(app, { hash });
      expect(short.status).toBe(200);
      expect(short.body).toEqual(register.body);
      expect(short.header('etag')).toBe(register.header('etag'));
      expect(short.header('cache-control')).toMatch(/^public/);
      expect((await get(app, { hash }, { 'if-none-match': short.header('etag')! })).status).toBe(304);
    });

    it('answers a hash that does not match its query with 400 PERSISTED_QUERY_HASH_MISMATCH, not an internal error', async () => {
      const r = await get(app, { hash: sha256('{ something else }'), query: QUERY });
      expect(r.status).toBe(400);
      expect(r.body.errors).toEqual([{ message: expect.stringMatching(/hash does not match/), extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } }]);
      expect(r.header('cache-control')).toBe('private, no-store');
    });
  });

  describe('exports', () => {
    it('carry the same validators, answer 304 when unchanged, and are not stored for a keyed request', async () => {
      const url = new URL('/export/commitments.csv?asOf=2026-03-01', app.url);
      const first = await fetch(url);
      await first.text();
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
      expect(first.headers.get('x-data-version')).toMatch(/^\d+$/);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^W\//);
      // fetch adds "Cache-Control: no-cache" to a conditional request unless one is given, and
      // Express's req.fresh then never answers 304 (an end-to-end reload); a proxy revalidating does not send it.
      const again = await fetch(url, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
      expect(again.status).toBe(304);
      const otherDay = await fetch(new URL('/export/commitments.csv?asOf=2026-03-02', app.url));
      await otherDay.text();
      expect(otherDay.headers.get('etag')).not.toBe(etag);
      const keyed = await fetch(url, { headers: { 'if-none-match': etag, ...admin } });
      await keyed.text();
      expect(keyed.status).toBe(200);
      expect(keyed.headers.get('cache-control')).toBe('private, no-store');
    });

    it('are not stored when they fail', async () => {
      const bad = await fetch(new URL('/export/commitments.csv?asOf=yesterday', app.url));
      expect(bad.status).toBe(400);
      expect(bad.headers.get('cache-control') ?? '').not.toMatch(/public/);
    });
  });
});

describe('HTTP caching configuration', () => {
  it('takes max-age and stale-while-revalidate from HTTP_CACHE_MAX_AGE and HTTP_CACHE_STALE_WHILE_REVALIDATE', async () => {
    const app = await startTestApp({ env: { HTTP_CACHE_MAX_AGE: '5', HTTP_CACHE_STALE_WHILE_REVALIDATE: '0' } });
    try {
      const r = await get(app, { query: '{ parties { code } }' });
      expect(r.header('cache-control')).toBe('public, max-age=5, stale-while-revalidate=0');
    } finally {
      await app.stop();
    }
  });
});

describe('/metrics', () => {
  it('shows requests by route, response cache lookups, 304s and the reads by database, in the Prometheus format', async () => {
    const app = await startTestApp();
    try {
      for (let i = 0; i < 2; i++) await get(app, { query: '{ parties { code } }' });
      const first = await get(app, { query: '{ sources(first: 1) { totalCount } }' });
      await get(app, { query: '{ sources(first: 1) { totalCount } }' }, { 'if-none-match': first.header('etag')! });
      const res = await fetch(new URL('/metrics', app.url));
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(text).toMatch(/tracker_http_requests_total\{route="\/graphql",method="GET",status="200"\} [1-9]/);
      expect(text).toMatch(/tracker_http_not_modified_total\{route="\/graphql"\} [1-9]/);
      expect(text).toMatch(/tracker_response_cache_total\{result="hit"\} [1-9]/);
      expect(text).toMatch(/tracker_db_reads_total\{target="primary"\} [1-9]/);
      expect(text).toMatch(/tracker_db_pool_connections\{pool="primary",state="total"\} \d/);
      expect(text).toMatch(/# TYPE tracker_events_fanned_out_total counter/);
    } finally {
      await app.stop();
    }
  });
});
