import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN_KEY = 'import-test-admin-key-0123456789abcdef';
const TODAY = '2026-04-15';

const ENGAGEMENTS = ['external_id,title,held_on,location,party_codes', 'eng-1,Ministerial talks in Beijing,2026-01-05,Beijing,PK; CN', ''].join('\r\n');
const SOURCES = [
  'external_id,title,outlet,url,published_on,kind,affiliation',
  'src-1,Readout of the talks,Ministry,https://example.org/readout,2026-01-06,OFFICIAL,PK',
  'src-2,"Analysis, with a comma",Daily,,,INDEPENDENT_MEDIA,',
  '',
].join('\n');
const COMMITMENTS = [
  'external_id,title,party_codes,kind,beneficiary_codes,host_codes,description,engagement_external_id,due_date,recurrence,starts_on,source_external_ids',
  'c-1,Open a joint training centre,PK; CN,,,,"Two lines\nof description",eng-1,2026-06-30,,,src-1; src-2',
  'c-2,Hold a yearly dialogue,PK;CN,,,,,eng-1,,FREQ=YEARLY,2026-03-01,src-1',
  'c-3,Share case files,CN,REQUEST,PK,,,,,,,',
  '',
].join('\n');

describe('CSV import, POST /import/{kind}.csv', () => {
  let app: TestApp;
  let base: string;
  let editor: string;

  beforeAll(async () => {
    app = await startTestApp({ seed: true, env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: `${TODAY}T10:00:00Z` } });
    base = app.url.replace(/\/graphql$/, '');
    const key = await app.graphql(`mutation { createApiKey(input: { name: "importer", role: EDITOR }) { key } }`, {}, { authorization: `Bearer ${ADMIN_KEY}` });
    editor = key.data.createApiKey.key;
  });
  afterAll(() => app?.stop());

  async function post(kind: string, body: string | Buffer, options: { dryRun?: boolean; key?: string | null } = {}) {
    const headers: Record<string, string> = { 'content-type': 'text/csv' };
    if (options.key !== null) headers.authorization = `Bearer ${options.key ?? editor}`;
    const res = await fetch(`${base}/import/${kind}.csv${options.dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers, body });
    return { status: res.status, body: (await res.json()) as any };
  }

  /** Rows in every table an import writes, to show that a refused or dry-run import wrote nothing. */
  async function footprint() {
    const [row] = await app.db.query(`SELECT (SELECT count(*) FROM engagement) e, (SELECT count(*) FROM source) s, (SELECT count(*) FROM commitment) c,
      (SELECT count(*) FROM follow_up) f, (SELECT count(*) FROM source_citation) sc, (SELECT count(*) FROM progress_report) r, (SELECT count(*) FROM commitment_event) ev,
      (SELECT sum(version) FROM commitment) v`);
    return row;
  }

  it('refuses a caller without an EDITOR key before reading the file, and writes nothing', async () => {
    const before = await footprint();
    expect((await post('sources', SOURCES, { key: null })).status).toBe(401);
    expect((await post('sources', SOURCES, { key: 'not-a-key' })).status).toBe(401);
    expect((await post('people', SOURCES)).status).toBe(404);
    expect(await footprint()).toEqual(before);
  });

  it('dry-runs, then imports engagements, sources and commitments, answering the same counts both times', async () => {
    const before = await footprint();
    const dry = await post('engagements', ENGAGEMENTS, { dryRun: true });
    expect(dry).toEqual({ status: 200, body: { dryRun: true, created: 1, updated: 0, unchanged: 0, errors: [] } });
    expect(await footprint()).toEqual(before);
    expect((await post('engagements', ENGAGEMENTS)).body).toEqual({ dryRun: false, created: 1, updated: 0, unchanged: 0, errors: [] });
    expect((await post('sources', SOURCES)).body).toMatchObject({ created: 2, errors: [] });

    const dryCommitments = await post('commitments', COMMITMENTS, { dryRun: true });
    expect(dryCommitments.body).toMatchObject({ dryRun: true, created: 3, updated: 0, unchanged: 0 });
    const imported = await post('commitments', COMMITMENTS);
    expect(imported).toEqual({ status: 200, body: { dryRun: false, created: 3, updated: 0, unchanged: 0, errors: [] } });

    const api = await app.graphql(`{ commitments(first: 100, filter: { search: "joint training centre" }) { nodes {
      title description kind status madeAt { title parties { code } } responsibleParties { code } followUps { nodes { dueDate } } sources { stance source { title url } } history { nodes { kind actor } } } } }`);
    expect(api.data.commitments.nodes).toEqual([{
      title: 'Open a joint training centre',
      description: 'Two lines\nof description',
      kind: 'AGREEMENT',
      status: 'SCHEDULED',
      madeAt: { title: 'Ministerial talks in Beijing', parties: expect.arrayContaining([{ code: 'PK' }, { code: 'CN' }]) },
      responsibleParties: expect.arrayContaining([{ code: 'PK' }, { code: 'CN' }]),
      followUps: { nodes: [{ dueDate: '2026-06-30' }] },
      sources: expect.arrayContaining([{ stance: 'CONFIRMS', source: { title: 'Readout of the talks', url: 'https://example.org/readout' } }, { stance: 'CONFIRMS', source: { title: 'Analysis, with a comma', url: null } }]),
      history: { nodes: [{ kind: 'CREATED', actor: 'importer' }] },
    }]);
    const request = await app.graphql(`{ commitments(filter: { search: "case files" }) { nodes { kind parties { role party { code } } } } }`);
    expect(request.data.commitments.nodes[0]).toEqual({ kind: 'REQUEST', parties: expect.arrayContaining([{ role: 'OBLIGOR', party: { code: 'CN' } }, { role: 'BENEFICIARY', party: { code: 'PK' } }]) });
    const sources = await app.graphql(`{ sources(first: 100) { nodes { externalId kind affiliation { code } } } }`);
    expect(sources.data.sources.nodes).toEqual(expect.arrayContaining([{ externalId: 'src-1', kind: 'OFFICIAL', affiliation: { code: 'PK' } }, { externalId: 'src-2', kind: 'INDEPENDENT_MEDIA', affiliation: null }]));
    const yearly = await app.graphql(`{ commitments(filter: { search: "yearly dialogue" }) { nodes { recurrence followUps(first: 100) { totalCount } } } }`);
    expect(yearly.data.commitments.nodes[0].recurrence).toBe('FREQ=YEARLY');
    expect(yearly.data.commitments.nodes[0].followUps.totalCount).toBeGreaterThan(1);
  });

  it('finds everything unchanged when the same files are imported again, and writes nothing', async () => {
    const before = await footprint();
    expect((await post('engagements', ENGAGEMENTS)).body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect((await post('sources', SOURCES)).body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await post('commitments', COMMITMENTS)).body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await footprint()).toEqual(before);
  });

  it('updates what changed, as the API would: version bumped and an UPDATED event', async () => {
    const changed = COMMITMENTS.replace('c-3,Share case files,CN,REQUEST,PK,,,,,,,', 'c-3,Share case files monthly,CN,AGREEMENT,PK,,,,2026-09-01,,,');
    expect((await post('commitments', changed)).body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const api = await app.graphql(`{ commitments(filter: { search: "case files monthly" }) { nodes { kind version followUps { nodes { dueDate } } history { nodes { kind details } } } } }`);
    const c = api.data.commitments.nodes[0];
    expect(c.version).toBe(2);
    expect(c.kind).toBe('AGREEMENT');
    expect(c.history.nodes.map((e: { kind: string }) => e.kind)).toContain('KIND_CHANGED');
    expect(c.followUps.nodes).toEqual([{ dueDate: '2026-09-01' }]);
    expect(c.history.nodes.map((e: { kind: string }) => e.kind)).toContain('UPDATED');
  });

  it('names the row and column of every problem, and writes nothing when any row is wrong', async () => {
    const before = await footprint();
    const bad = [
      'external_id,title,party_codes,engagement_external_id,due_date,source_external_ids',
      'c-10,A fine row,PK,,2026-07-01,',
      'c-11,,PK,,,',
      'c-12,Unknown party,QQ,,,',
      'c-13,Unknown engagement,PK,eng-404,,',
      'c-14,Unknown source,PK,,,src-404',
      'c-15,Impossible date,PK,,2026-02-30,',
      'c-10,Same key twice,PK,,,',
      '',
    ].join('\n');
    const res = await post('commitments', bad);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(res.body.errors).toEqual([
      { row: 3, column: 'title', message: 'must not be empty' },
      { row: 4, column: 'party_codes', message: expect.stringContaining('unknown party code "QQ"') },
      { row: 5, column: 'engagement_external_id', message: expect.stringContaining('"eng-404"') },
      { row: 6, column: 'source_external_ids', message: expect.stringContaining('"src-404"') },
      { row: 7, column: 'due_date', message: 'there is no 30 February 2026' },
      { row: 8, column: 'external_id', message: expect.stringContaining('already appears in row 2') },
    ]);
    expect(await footprint()).toEqual(before);
  });

  it('refuses bad files with a clear error: wrong header, wrong encoding, unterminated quotes, too large', async () => {
    const before = await footprint();
    const header = await post('sources', 'id,name\n1,x\n');
    expect(header.status).toBe(422);
    expect(header.body.errors).toContainEqual({ row: 1, column: 'external_id', message: 'this column is required but missing from the header row' });
    const latin1 = Buffer.concat([Buffer.from('external_id,title\nsrc-9,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect((await post('sources', latin1)).body.errors).toEqual([{ row: 2, column: null, message: expect.stringContaining('not UTF-8') }]);
    expect((await post('sources', 'external_id,title\nsrc-9,"open\n')).body.errors).toEqual([{ row: 2, column: null, message: expect.stringContaining('never closed') }]);
    // 50 MB against the default IMPORT_MAX_BYTES of 10 MB.
    const huge = Buffer.alloc(50 * 1024 * 1024, 'a');
    const tooLarge = await post('sources', huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errors[0].message).toBe('the file is larger than 10485760 bytes (IMPORT_MAX_BYTES); split it into smaller files');
    expect(await footprint()).toEqual(before);
  });

  it('records reports once, refuses to rewrite one, and takes corrections as rows of their own', async () => {
    const reports = [
      'external_id,commitment_external_id,follow_up_due_date,state,reported_on,note,source_external_id,evidence,corrects_external_id',
      'r-1,c-1,,IN_PROGRESS,2026-03-01,Site chosen,src-1,,',
      'r-2,c-2,2027-03-01,DONE,2026-04-10,Held early,src-1,src-2:CONFIRMS,',
      '',
    ].join('\n');
    expect((await post('reports', reports)).body).toMatchObject({ created: 2, unchanged: 0, errors: [] });
    const before = await footprint();
    expect((await post('reports', reports)).body).toMatchObject({ created: 0, unchanged: 2 });
    expect(await footprint()).toEqual(before);

    const rewritten = reports.replace('Site chosen', 'Site changed');
    const refused = await post('reports', rewritten);
    expect(refused.body.errors).toEqual([{ row: 2, column: 'external_id', message: expect.stringContaining('never edited') }]);

    const corroborated = await app.graphql(`{ commitments(first: 1, filter: { search: "yearly dialogue" }) { nodes { followUps(status: [DONE], first: 5) { nodes { verification reports { evidence { stance source { title } } } } } } } }`);
    expect(corroborated.errors).toBeUndefined();
    expect(corroborated.data.commitments.nodes[0].followUps.nodes[0]).toEqual({
      verification: 'CORROBORATED',
      reports: [{ evidence: [{ stance: 'CONFIRMS', source: { title: 'Readout of the talks' } }, { stance: 'CONFIRMS', source: { title: 'Analysis, with a comma' } }] }],
    });

    const correction = `${reports}r-3,c-1,,MISSED,2026-04-01,Site dropped,,,r-1\n`;
    expect((await post('reports', correction)).body).toMatchObject({ created: 1, unchanged: 2 });
    const api = await app.graphql(`{ commitments(filter: { search: "joint training centre" }) { nodes { followUps { nodes { status reports { state supersedes { note } } } } } } }`);
    expect(api.data.commitments.nodes[0].followUps.nodes[0]).toEqual({
      status: 'MISSED',
      reports: [{ state: 'IN_PROGRESS', supersedes: null }, { state: 'MISSED', supersedes: { note: 'Site chosen' } }],
    });
  });

  it('exports every commitment in the import layout, which imports back as all unchanged', async () => {
    const res = await fetch(`${base}/export/commitments.csv?format=import`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv.split('\r\n')[0].replace(/^\uFEFF/, '')).toBe(
      'external_id,title,party_codes,kind,beneficiary_codes,host_codes,description,engagement_external_id,due_date,recurrence,starts_on,source_external_ids',
    );
    const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM commitment`);
    const before = await footprint();
    expect((await post('commitments', csv)).body).toEqual({ dryRun: false, created: 0, updated: 0, unchanged: count, errors: [] });
    expect(await footprint()).toEqual(before);
  });

  it('runs the same import from the shell: npm run import -- FILE.csv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    const file = join(dir, 'sources-extra.csv');
    writeFileSync(file, 'external_id,title,outlet\nsrc-cli,From the shell,Terminal Times\n');
    // What `npm run import -- FILE` runs, from the sources (no build): the CLI with the file as its argument.
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const p = spawn(process.execPath, ['--require', join(__dirname, '..', 'support', 'transpile-on-require.js'), join(__dirname, '..', '..', 'src', 'imports', 'import-cli.ts'), ...args], {
          env: { ...process.env, DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
        });
        let out = '';
        p.stdout.on('data', (d) => (out += d));
        p.on('exit', (code) => resolve({ code, out }));
      });
    const dry = await run([file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ kind: 'sources', dryRun: true, created: 1 });
    const real = await run([file]);
    expect(JSON.parse(real.out)).toMatchObject({ kind: 'sources', dryRun: false, created: 1, errors: [] });
    const bad = join(dir, 'broken.csv');
    writeFileSync(bad, 'external_id,title\nx,"open\n');
    const refused = await run([bad, '--kind=sources']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out).errors[0]).toMatchObject({ row: 2 });
    // Each run compiles the sources on the fly, which is slow on a busy machine.
  }, 120_000);
});
