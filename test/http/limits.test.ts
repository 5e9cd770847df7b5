import { loadConfig, ConfigError } from '../../src/config';
import { createDataSource } from '../../src/db/data-source';
import { startTestApp, TestApp } from '../support/test-app';

/** The limits of issue 7, each with its error code, refused before any resolver (or SQL) runs. */
let app: TestApp;
let statements = 0;
beforeAll(async () => {
  app = await startTestApp({ seed: true, onQuery: () => void (statements += 1) });
});
afterAll(() => app.stop());

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as any };
}

/** Runs `request` and returns how many SQL statements it caused. */
async function sqlDuring<T>(request: () => Promise<T>): Promise<[T, number]> {
  const before = statements;
  const result = await request();
  return [result, statements - before];
}

const NESTED_20 = `
  commitments(first: 100) {
    totalCount
    nodes {
      id title status nextDueDate
      responsibleParties { code }
      sources { stance source { title } }
      followUps(first: 20) { nodes { title dueDate status daysOverdue reports { state reportedOn } } }
    }
  }`;

describe('query depth (MAX_QUERY_DEPTH, default 15)', () => {
  // commitments > nodes > (followUps > nodes > commitment) × rounds > id: 3 + 3 × rounds levels.
  const nested = (rounds: number) => {
    let inner = 'id';
    for (let i = 0; i < rounds; i++) inner = `followUps(first: 1) { nodes { commitment { ${inner} } } }`;
    return `{ commitments(first: 1) { nodes { ${inner} } } }`;
  };

  it('refuses a query nested deeper, with QUERY_TOO_DEEP and no SQL run', async () => {
    const [res, sql] = await sqlDuring(() => post({ query: nested(5) }, { accept: GRAPHQL_RESPONSE }));
    expect(res.status).toBe(400);
    expect(res.json.data).toBeUndefined();
    expect(res.json.errors[0].extensions).toEqual({ code: 'QUERY_TOO_DEEP', limit: 15, actual: 18 });
    expect(res.json.errors[0].message).toMatch(/18 levels deep; at most 15/);
    expect(sql).toBe(0);
  });

  it('runs a query at the limit', async () => {
    const res = await post({ query: nested(4) });
    expect(res.json.errors).toBeUndefined();
  });
});

describe('query cost (MAX_QUERY_COST, default 20,000 ≈ objects a response can hold)', () => {
  it('runs 100 commitments with 20 follow-ups each, their parties, sources and reports', async () => {
    const res = await post({ query: `{ ${NESTED_20} }` });
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.commitments.nodes.length).toBeGreaterThan(0);
  });

  it('refuses 100 commitments with 100 follow-ups each and their reports, with QUERY_TOO_COMPLEX and no SQL run', async () => {
    const query = '{ commitments(first: 100) { nodes { followUps(first: 100) { nodes { reports { state } } } } } }';
    const [res, sql] = await sqlDuring(() => post({ query }, { accept: GRAPHQL_RESPONSE }));
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 20000, actual: 1 + 100 * (1 + 1 + 100 * (1 + 5)) });
    expect(res.json.errors[0].message).toMatch(/smaller pages/);
    expect(sql).toBe(0);
  });

  it('counts page sizes given in variables', async () => {
    const query = 'query($a: Int, $b: Int) { commitments(first: $a) { nodes { followUps(first: $b) { nodes { reports { state } } } } } }';
    expect((await post({ query, variables: { a: 100, b: 100 } })).json.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect((await post({ query, variables: { a: 10, b: 10 } })).json.errors).toBeUndefined();
  });

  it('counts repeated root fields: five aliased copies of a heavy list are refused', async () => {
    const query = `{ ${[1, 2, 3, 4, 5].map((i) => `c${i}: ${NESTED_20}`).join(' ')} }`;
    expect((await post({ query })).json.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('aliases (MAX_ALIASES, default 30)', () => {
  it('refuses more aliased fields with TOO_MANY_ALIASES', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `p${i}: parties { code }`).join(' ')} }`;
    const [res, sql] = await sqlDuring(() => post({ query }));
    expect(res.status).toBe(200); // application/json: a request error is 200 with errors
    expect(res.json.errors[0].extensions).toEqual({ code: 'TOO_MANY_ALIASES', limit: 30, actual: 31 });
    expect(sql).toBe(0);
  });

  it('runs thirty', async () => {
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `p${i}: parties { code }`).join(' ')} }`;
    expect((await post({ query })).json.errors).toBeUndefined();
  });
});

describe('batching', () => {
  it('refuses a JSON array of operations with BATCHING_NOT_SUPPORTED and runs none of them', async () => {
    const [res, sql] = await sqlDuring(() => post([{ query: '{ parties { code } }' }, { query: '{ parties { name } }' }]));
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe('BATCHING_NOT_SUPPORTED');
    expect(res.json.errors[0].message).toMatch(/one operation per request/);
    expect(sql).toBe(0);
  });
});

describe('request body (MAX_BODY_BYTES, default 102,400)', () => {
  it('refuses a larger body with 413 PAYLOAD_TOO_LARGE as JSON', async () => {
    const res = await post({ query: `{ parties { code } } # ${'x'.repeat(110_000)}` });
    expect(res.status).toBe(413);
    expect(res.type).toMatch(/^application\/json/);
    expect(res.json.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', limit: 102400 });
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST as JSON, without a stack trace', async () => {
    const res = await post('{"query": "{ parties { code } }"');
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(res.json)).not.toMatch(/at .*\.js|node_modules/);
  });
});

describe('page size', () => {
  it('refuses first over 100 with BAD_USER_INPUT naming the argument, not as a cost error', async () => {
    const res = await post({ query: '{ commitments(first: 101) { totalCount } }' });
    expect(res.status).toBe(200);
    expect(res.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.json.errors[0].message).toMatch(/first/);
  });
});

describe('statement timeout (DB_STATEMENT_TIMEOUT_MS, default 15,000)', () => {
  it('makes Postgres cancel a statement that runs longer', async () => {
    const db = await createDataSource({ url: app.databaseUrl, statementTimeoutMs: 200, poolSize: 1 }).initialize();
    try {
      await expect(db.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
    } finally {
      await db.destroy();
    }
  });
});

describe('configuration of the limits', () => {
  it('documents its defaults', () => {
    expect(loadConfig({})).toMatchObject({
      maxQueryDepth: 15, maxQueryCost: 20_000, maxAliases: 30, maxBodyBytes: 102_400, rateLimitPerMinute: 600, dbStatementTimeoutMs: 15_000, trustProxy: 0,
    });
  });

  it('reads each from the environment and names bad values', () => {
    const c = loadConfig({ MAX_QUERY_DEPTH: '8', MAX_QUERY_COST: '500', MAX_ALIASES: '0', MAX_BODY_BYTES: '4096', RATE_LIMIT_PER_MINUTE: '0', DB_STATEMENT_TIMEOUT_MS: '1000', TRUST_PROXY: '1' });
    expect(c).toMatchObject({ maxQueryDepth: 8, maxQueryCost: 500, maxAliases: 0, maxBodyBytes: 4096, rateLimitPerMinute: 0, dbStatementTimeoutMs: 1000, trustProxy: 1 });
    expect(() => loadConfig({ MAX_QUERY_DEPTH: 'deep', MAX_QUERY_COST: '0', RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(ConfigError);
    try {
      loadConfig({ MAX_QUERY_DEPTH: 'deep', MAX_QUERY_COST: '0', RATE_LIMIT_PER_MINUTE: '-1' });
    } catch (e) {
      expect((e as ConfigError).problems.join('\n')).toMatch(/MAX_QUERY_DEPTH[\s\S]*MAX_QUERY_COST[\s\S]*RATE_LIMIT_PER_MINUTE/);
    }
  });
});
