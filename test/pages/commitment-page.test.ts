import { parse } from 'csv-parse/sync';
import { get } from 'node:http';
import { toGlobalId } from '../../src/graphql/global-id';
import { createCommitment, createFollowUp, createParty, createReport, createSource } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN_KEY = 'pages-test-admin-key-0123456789abcdef';
const TODAY = '2026-04-15';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

/** The text of an HTML fragment with tags removed and entities decoded, as a reader sees it. */
function visibleText(markup: string): string {
  return markup.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

/** The status of a GET sent as written: fetch() adds Cache-Control: no-cache to conditional requests, which defeats them. */
function statusOf(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    }).on('error', reject);
  });
}

function jsonLd(page: string): any {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]);
}

describe('the page of one commitment, GET /commitments/{id}', () => {
  let app: TestApp;
  let base: string;

  beforeAll(async () => {
    app = await startTestApp({ seed: true, env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: `${TODAY}T10:00:00Z`, LOG_LEVEL: 'error' } });
    base = app.url.replace(/\/graphql$/, '');
  });
  afterAll(() => app?.stop());

  const fetchPage = (path: string) => fetch(base + path);

  async function overdueSeeded() {
    const res = await app.graphql(`{ followUps(filter: { status: [OVERDUE] }, first: 1) { nodes { id title dueDate daysOverdue commitment {
      id title responsibleParties { name } sources { stance source { title outlet url publishedOn } } } } } }`);
    expect(res.errors).toBeUndefined();
    return res.data.followUps.nodes[0];
  }

  it('shows the commitment, its follow-ups with status and days overdue, every source and the history, without any script', async () => {
    const f = await overdueSeeded();
    const res = await fetchPage(`/commitments/${f.commitment.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    const text = visibleText(page);
    expect(text).toContain(f.commitment.title);
    expect(text).toContain(f.title);
    expect(text).toContain(`Due ${f.dueDate}`);
    expect(text).toContain(`${f.daysOverdue} days overdue`);
    expect(text).toContain('no report recorded');
    for (const p of f.commitment.responsibleParties) expect(text).toContain(p.name);
    for (const { source } of f.commitment.sources) {
      expect(text).toContain(source.title);
      if (source.outlet) expect(text).toContain(source.outlet);
      if (source.publishedOn) expect(text).toContain(source.publishedOn);
      if (source.url) expect(page).toContain(`<a href="${new URL(source.url).href}" rel="noopener noreferrer">`);
    }
    expect(page).toMatch(/<section id="history"[\s\S]*data-kind="CREATED"/);
    // No executable script: the only <script> is JSON-LD data.
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it('links to its Atom feed, its CSV rows and the import layout, and the CSV link gives exactly its rows', async () => {
    const f = await overdueSeeded();
    const page = await (await fetchPage(`/commitments/${f.commitment.id}`)).text();
    const id = encodeURIComponent(f.commitment.id);
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" title="Changes to this commitment" href="/feeds/events.atom?commitment=${id}">`);
    const csvHref = /href="(\/export\/commitments\.csv\?commitment=[^"]+)"/.exec(page)![1].replace(/&amp;/g, '&');
    expect(page).toContain(`href="/export/commitments.csv?format=import&amp;commitment=${id}"`);
    const csv = await fetchPage(csvHref);
    expect(csv.status).toBe(200);
    const rows: Record<string, string>[] = parse(await csv.text(), { columns: true, bom: true });
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.commitment_id))).toEqual(new Set([f.commitment.id]));
  });

  it('shows the status as of ?asOf= beside today’s, and the form that picks the date works without JavaScript', async () => {
    const f = await overdueSeeded();
    const before = '2025-01-01';
    const page = await (await fetchPage(`/commitments/${f.commitment.id}?asOf=${before}`)).text();
    const api = await app.graphql(`query($id: ID!) { node(id: $id) { ... on Commitment { then: status(asOf: "${before}") now: status } } }`, { id: f.commitment.id });
    expect(page).toContain(`data-as-of="${before}"`);
    expect(visibleText(page)).toContain(`Status as of ${before}`);
    expect(page).toContain(`data-status="${api.data.node.then}"`);
    expect(visibleText(page)).toContain(`today, ${TODAY}:`);
    expect(page).toMatch(/<form class="as-of" method="get"[\s\S]*<input type="date" id="as-of" name="asOf" value="2025-01-01" required>/);
  });

  it('answers a 404 page for malformed ids, ids of other types and ids of nothing, and 400 for a bad asOf', async () => {
    for (const id of ['nonsense', '%3Cscript%3E', toGlobalId('Source', 1), toGlobalId('Commitment', 999999)]) {
      const res = await fetchPage(`/commitments/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<h1>Not found</h1>');
    }
    const f = await overdueSeeded();
    const bad = await fetchPage(`/commitments/${f.commitment.id}?asOf=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('asOf must be a calendar date');
  });

  it('describes the commitment in JSON-LD, with a ClaimReview for each decided follow-up', async () => {
    const f = await overdueSeeded();
    const reported = await app.graphql(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { followUp { status } } }`,
      { input: { followUpId: f.id, state: 'MISSED', reportedOn: TODAY } },
      admin,
    );
    expect(reported.errors).toBeUndefined();
    const ld = jsonLd(await (await fetchPage(`/commitments/${f.commitment.id}`)).text());
    expect(ld['@context']).toBe('https://schema.org');
    const types = ld['@graph'].map((n: any) => n['@type']);
    expect(types).toEqual(expect.arrayContaining(['WebPage', 'Claim', 'ClaimReview']));
    const claim = ld['@graph'].find((n: any) => n['@type'] === 'Claim');
    expect(claim.name).toBe(f.commitment.title);
    const review = ld['@graph'].find((n: any) => n['@type'] === 'ClaimReview' && n.url.endsWith(`#${f.id}`));
    expect(review.reviewRating).toMatchObject({ alternateName: 'Missed', ratingValue: 1 });
    expect(review.itemReviewed['@id']).toBe(claim['@id']);
    expect(review.url.startsWith(`${base}/commitments/`)).toBe(true);
  });

  it('shows titles, notes, outlets and URLs from the data as text, and links only http(s) URLs', async () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const party = await createParty(app.db, 'ZZ', `Party ${evil}`);
    const bad = await app.db.query(`INSERT INTO source (title, outlet, url) VALUES ($1, $2, 'https://x.example/"><script>alert(3)</script>') RETURNING id`, [`Title ${evil}`, `Outlet ${evil}`]);
    const good = await createSource(app.db, { title: 'A fine source' });
    await app.db.query(`UPDATE source SET url = 'https://example.org/a?b="c"&d=<e>' WHERE id = $1`, [good]);
    const c = await createCommitment(app.db, { title: `Commitment ${evil}`, description: `About ${evil}`, partyIds: [party], sourceIds: [bad[0].id, good] });
    const followUp = await createFollowUp(app.db, { commitmentId: c, dueDate: '2026-01-01', title: `Follow-up ${evil}` });
    await createReport(app.db, { followUpId: followUp, state: 'IN_PROGRESS', reportedOn: '2026-02-01', note: `Note ${evil}`, sourceId: bad[0].id });

    const page = await (await fetchPage(`/commitments/${toGlobalId('Commitment', c)}`)).text();
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('href="https://x.example/%22%3E%3Cscript%3Ealert(3)%3C/script%3E" rel="noopener noreferrer"');
    expect(page).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(visibleText(page)).toContain(`Note ${evil}`);
    expect(visibleText(page)).toContain('in progress, reported 2026-02-01');
    expect(page).toContain('<a href="https://example.org/a?b=%22c%22&amp;d=%3Ce%3E" rel="noopener noreferrer">A fine source</a>');
    // The JSON-LD carries the same strings, and none can close its <script> element.
    expect(jsonLd(page)['@graph'][1].name).toBe(`Commitment ${evil}`);
  });

  it('shows the kind, every party with its role, and each report with its verification and evidence', async () => {
    const write = (q: string, input: unknown) => app.graphql(q, { input }, admin);
    const official = await write(`mutation($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`,
      { title: 'Ministry readout', outlet: 'Ministry of Interior', kind: 'OFFICIAL', affiliationCode: 'PK', url: 'https://example.org/readout' });
    const paper = await write(`mutation($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`,
      { title: 'Independent report', outlet: 'The Daily', kind: 'INDEPENDENT_MEDIA' });
    const created = await write(`mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id followUps { nodes { id } } } } }`,
      { title: 'Send a delegation', partyCodes: ['PK'], kind: 'REQUEST', otherParties: [{ partyCode: 'CN', role: 'BENEFICIARY' }], dueDate: '2026-04-01' });
    expect(created.errors).toBeUndefined();
    const c = created.data.createCommitment.commitment;
    const reported = await write(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { report { id } } }`,
      { followUpId: c.followUps.nodes[0].id, state: 'DONE', reportedOn: '2026-04-02', sourceId: official.data.createSource.source.id });
    const reportId = reported.data.reportProgress.report.id;
    let page = await (await fetchPage(`/commitments/${c.id}`)).text();
    expect(page).toContain('data-kind="REQUEST"');
    expect(visibleText(page)).toMatch(/Would act Party PK|Would act Pakistan \(PK\)/);
    expect(page).toMatch(/data-role="BENEFICIARY">[^<]*\(CN\)/);
    expect(page).toContain('data-verification="CLAIMED"');
    expect(visibleText(page)).toMatch(/Ministry readout ?, Ministry of Interior/);
    expect(visibleText(page)).toMatch(/official, speaks for/);

    const added = await write(`mutation($input: AddEvidenceInput!) { addEvidence(input: $input) { report { verification } } }`,
      { reportId, sourceId: paper.data.createSource.source.id, stance: 'CONTRADICTS', note: 'No delegation arrived' });
    expect(added.errors).toBeUndefined();
    page = await (await fetchPage(`/commitments/${c.id}`)).text();
    expect(page).toContain('data-verification="DISPUTED"');
    expect(page).toMatch(/<li data-stance="CONTRADICTS"><span class="stance stance-CONTRADICTS">contradicts<\/span> Independent report/);
    expect(visibleText(page)).toContain('No delegation arrived');
    const review = jsonLd(page)['@graph'].find((n: any) => n['@type'] === 'ClaimReview');
    expect(review.reviewRating.ratingExplanation).toContain('disputed');
  });

  it('sends a CSP that allows no inline script, nosniff and no framing, and answers 304 while nothing changed', async () => {
    const f = await overdueSeeded();
    const res = await fetchPage(`/commitments/${f.commitment.id}`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = res.headers.get('etag')!;
    expect(await statusOf(`${base}/commitments/${f.commitment.id}`, { 'if-none-match': etag })).toBe(304);
    const css = await fetchPage('/pages/page.css');
    expect(css.status).toBe(200);
    expect(await css.text()).toContain('@media print');
  });
});
