import { auditServer } from 'graphql-http';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The GraphQL-over-HTTP spec, checked by the audit suite that ships with graphql-http, plus the
 * points of it this server decides itself (status codes per media type, GET, CSRF prevention).
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

// Apollo's CSRF prevention refuses a GET that a browser could send cross-site without a preflight
// (no Content-Type: application/json and no Apollo-Require-Preflight header). The audit sends three
// such GETs, all MAY items; they pass once the header is sent (next test).
const REFUSED_BY_CSRF_PREVENTION = ['5A70', 'D6D5', '6A70'];

it('passes every MUST and SHOULD of the graphql-http audit', async () => {
  const results = await auditServer({ url: app.url });
  const notOk = results.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}`);
  expect(notOk.map((r) => r.slice(0, 4)).sort()).toEqual([...REFUSED_BY_CSRF_PREVENTION].sort());
  expect(results.filter((r) => r.status === 'error' || r.status === 'warn')).toEqual([]);
});

it('passes the whole audit, MAYs included, for clients that send the CSRF preflight header', async () => {
  const withPreflight = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) =>
    fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), 'apollo-require-preflight': 'true' } });
  const results = await auditServer({ url: app.url, fetchFn: withPreflight });
  expect(results.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}`)).toEqual([]);
});

it('answers a GET with the query in the URL', async () => {
  const url = new URL(app.url);
  url.searchParams.set('query', 'query Names($n: Int) { parties { code } sources(first: $n) { totalCount } }');
  url.searchParams.set('variables', JSON.stringify({ n: 1 }));
  const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true', accept: GRAPHQL_RESPONSE } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  expect(await res.json()).toEqual({ data: { parties: expect.arrayContaining([]), sources: { totalCount: expect.any(Number) } } });
});

it('keeps CSRF prevention on: a GET a browser could send cross-site without a preflight is refused', async () => {
  const url = new URL(app.url);
  url.searchParams.set('query', '{ __typename }');
  const res = await fetch(url);
  expect(res.status).toBe(400);
  expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
});

it('refuses a mutation over GET with 405', async () => {
  const url = new URL(app.url);
  url.searchParams.set('query', 'mutation { __typename }');
  const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  expect(res.status).toBe(405);
  expect(res.headers.get('allow')).toBe('POST');
});

describe('status of a request error (parse, validation, variables) by the media type accepted', () => {
  const post = (body: unknown, accept?: string) =>
    fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) }, body: JSON.stringify(body) });

  it.each([
    ['a parse error', { query: '{ parties { ' }, 'GRAPHQL_PARSE_FAILED'],
    ['a validation error', { query: '{ noSuchField }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a variable that does not coerce', { query: 'query($n: Int) { sources(first: $n) { totalCount } }', variables: { n: 'many' } }, 'BAD_USER_INPUT'],
  ])('answers %s with 400 under application/graphql-response+json', async (_what, body, code) => {
    const res = await post(body, GRAPHQL_RESPONSE);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const json = (await res.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(json.data).toBeUndefined();
    expect(json.errors[0].extensions.code).toBe(code);
  });

  it.each([
    ['a parse error', { query: '{ parties { ' }, 'GRAPHQL_PARSE_FAILED'],
    ['a validation error', { query: '{ noSuchField }' }, 'GRAPHQL_VALIDATION_FAILED'],
  ])('answers %s with 200 under application/json (and with no Accept header)', async (_what, body, code) => {
    for (const accept of ['application/json', undefined]) {
      const res = await post(body, accept);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(code);
    }
  });

  it('answers a request with no query with 400 under either media type', async () => {
    for (const accept of ['application/json', GRAPHQL_RESPONSE]) {
      expect((await post({ qeury: '{ __typename }' }, accept)).status).toBe(400);
    }
  });

  it('answers 406 when the client accepts neither JSON type', async () => {
    expect((await post({ query: '{ __typename }' }, 'application/xml')).status).toBe(406);
  });
});
