import { createHash } from 'node:crypto';
import { startTestApp } from '../support/test-app';
import { admin, ADMIN_KEY, bearer, CREATE_KEY, CREATE_SOURCE, databaseState, startWriteApp, WriteApp } from './write-app';

const codeOf = (res: { errors?: any[] }) => res.errors?.[0]?.extensions?.code;
const sha256 = (s: string) => createHash('sha256').update(s).digest();
const createSource = (app: WriteApp, headers: Record<string, string>) =>
  app.graphql(CREATE_SOURCE, { input: { title: 'Dawn, 8 January 2026' } }, headers);

describe('API keys and roles', () => {
  let app: WriteApp;
  beforeAll(async () => {
    app = await startWriteApp();
  });
  afterAll(() => app.stop());

  it('lets anyone read without a key', async () => {
    const res = await app.graphql(`{ parties { code } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.parties.map((p: any) => p.code)).toEqual(['CN', 'PK']);
  });

  it('refuses writes without a key, with a malformed header, or with an unknown key as UNAUTHENTICATED, writing nothing', async () => {
    const before = await databaseState(app);
    for (const headers of [{}, { authorization: ADMIN_KEY }, { authorization: 'Basic abc' }, bearer('ftt_not-a-real-key'), bearer(`${ADMIN_KEY}x`)]) {
      const res = await createSource(app, headers);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
    }
    expect(await databaseState(app)).toEqual(before);
  });

  it('checks the key before the input, so an anonymous caller learns nothing about validation', async () => {
    const res = await app.graphql(CREATE_SOURCE, { input: { title: '', url: 'javascript:alert(1)' } });
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
  });

  it('bootstraps ADMIN_API_KEY as an ADMIN key stored only as its SHA-256', async () => {
    const [row] = await app.db.query(`SELECT name, role, key_hash FROM api_key WHERE name = 'bootstrap-admin'`);
    expect(row.role).toBe('ADMIN');
    expect(Buffer.compare(row.key_hash, sha256(ADMIN_KEY))).toBe(0);
    expect((await createSource(app, admin)).errors).toBeUndefined();
  });

  it('shows a new key once, with at least 128 random bits, and stores only its hash', async () => {
    const res = await app.graphql(CREATE_KEY, { input: { name: 'desk-editor', role: 'EDITOR' } }, admin);
    expect(res.errors).toBeUndefined();
    const { key, name, role } = res.data.createApiKey;
    expect([name, role]).toEqual(['desk-editor', 'EDITOR']);
    expect(key).toMatch(/^ftt_[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    const rows = await app.db.query(`SELECT * FROM api_key WHERE name = 'desk-editor'`);
    expect(rows).toHaveLength(1);
    expect(Buffer.compare(rows[0].key_hash, sha256(key))).toBe(0);
    // The secret appears nowhere in the row.
    expect(JSON.stringify(rows[0])).not.toContain(key.slice(4));
    const listed = await app.graphql(`{ apiKeys { name role createdAt lastUsedAt revokedAt } }`, {}, admin);
    expect(JSON.stringify(listed.data)).not.toContain(key.slice(4));
    expect(listed.data.apiKeys.find((k: any) => k.name === 'desk-editor')).toMatchObject({ role: 'EDITOR', revokedAt: null });
  });

  it('gives every key a different secret', async () => {
    const keys = await Promise.all(['k1', 'k2', 'k3'].map((n) => app.newKey(n)));
    expect(new Set(keys).size).toBe(3);
  });

  it('lets an EDITOR write but not create keys, list keys or revoke keys (FORBIDDEN)', async () => {
    const editor = bearer(await app.newKey('editor-role-test'));
    expect((await createSource(app, editor)).errors).toBeUndefined();
    const before = await databaseState(app);
    expect(codeOf(await app.graphql(CREATE_KEY, { input: { name: 'sneaky', role: 'ADMIN' } }, editor))).toBe('FORBIDDEN');
    expect(codeOf(await app.graphql(`{ apiKeys { name } }`, {}, editor))).toBe('FORBIDDEN');
    expect(codeOf(await app.graphql(`mutation { revokeApiKey(name: "bootstrap-admin") { name } }`, {}, editor))).toBe('FORBIDDEN');
    expect(await databaseState(app)).toEqual(before);
  });

  it('lets an ADMIN key created through the API create keys too', async () => {
    const second = bearer(await app.newKey('second-admin', 'ADMIN'));
    const res = await app.graphql(CREATE_KEY, { input: { name: 'made-by-second', role: 'EDITOR' } }, second);
    expect(res.errors).toBeUndefined();
  });

  it('stops a revoked key at once (UNAUTHENTICATED) and records when', async () => {
    const key = await app.newKey('to-revoke');
    expect((await createSource(app, bearer(key))).errors).toBeUndefined();
    const revoked = await app.graphql(`mutation { revokeApiKey(name: "to-revoke") { name revokedAt } }`, {}, admin);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
    const before = await databaseState(app);
    const res = await createSource(app, bearer(key));
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(await databaseState(app)).toEqual(before);
    // The same words as for a key that never existed: a leaked revoked key learns nothing.
    const unknown = await createSource(app, bearer('ftt_' + 'x'.repeat(43)));
    expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('refuses names that read like the system\'s own actors, whatever their case or separators', async () => {
    for (const name of ['scheduler', 'Scheduler', 'SEED', 'Bootstrap-Admin', 'bootstrap_admin', 'Bootstrap Admin']) {
      const res = await app.graphql(CREATE_KEY, { input: { name, role: 'EDITOR' } }, admin);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('input.name');
      expect(res.errors![0].message).toMatch(/reserved/);
    }
    expect((await app.db.query(`SELECT count(*)::int AS n FROM api_key WHERE lower(name) IN ('scheduler', 'seed', 'bootstrap admin', 'bootstrap_admin')`))[0].n).toBe(0);
  });

  it('answers NOT_FOUND for revoking a key that does not exist', async () => {
    expect(codeOf(await app.graphql(`mutation { revokeApiKey(name: "nobody") { name } }`, {}, admin))).toBe('NOT_FOUND');
  });

  it('refuses duplicate, blank, over-long and reserved key names as BAD_USER_INPUT', async () => {
    await app.newKey('unique-name');
    for (const name of ['unique-name', '   ', 'x'.repeat(101), 'bootstrap-admin', 'tab\tname']) {
      const res = await app.graphql(CREATE_KEY, { input: { name, role: 'EDITOR' } }, admin);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('input.name');
    }
    expect((await app.db.query(`SELECT count(*)::int AS n FROM api_key WHERE name = 'unique-name'`))[0].n).toBe(1);
  });

  it('records when a key was last used', async () => {
    const key = await app.newKey('usage-tracked');
    const [before] = await app.db.query(`SELECT last_used_at FROM api_key WHERE name = 'usage-tracked'`);
    expect(before.last_used_at).toBeNull();
    await createSource(app, bearer(key));
    const listed = await app.graphql(`{ apiKeys { name lastUsedAt } }`, {}, admin);
    expect(listed.data.apiKeys.find((k: any) => k.name === 'usage-tracked').lastUsedAt).toEqual(expect.any(String));
  });
});

describe('the bootstrap key across restarts', () => {
  it('stays revoked when the server restarts with the same ADMIN_API_KEY, and a new secret replaces it', async () => {
    const first = await startWriteApp();
    try {
      await first.graphql(`mutation { revokeApiKey(name: "bootstrap-admin") { name } }`, {}, admin);
      const again = await startTestApp({ shareDatabaseOf: first, env: { ADMIN_API_KEY: ADMIN_KEY } });
      expect(codeOf(await again.graphql(CREATE_SOURCE, { input: { title: 't' } }, admin))).toBe('UNAUTHENTICATED');
      await again.stop();
      const rotated = await startTestApp({ shareDatabaseOf: first, env: { ADMIN_API_KEY: 'a-brand-new-admin-secret-0000' } });
      expect((await rotated.graphql(CREATE_SOURCE, { input: { title: 't' } }, bearer('a-brand-new-admin-secret-0000'))).errors).toBeUndefined();
      expect(codeOf(await rotated.graphql(CREATE_SOURCE, { input: { title: 't' } }, admin))).toBe('UNAUTHENTICATED');
      await rotated.stop();
    } finally {
      await first.stop();
    }
  });
});
