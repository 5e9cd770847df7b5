import { parse } from 'csv-parse/sync';

// ical.js ships ESM types with a CommonJS build; take the types from the former, the code from the latter.
type IcalModule = typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
const ICAL: IcalModule = require('ical.js');
import { get } from 'node:http';
import { startTestApp, TestApp } from './support/test-app';

/** A GET as a cache sends it: fetch() would add Cache-Control: no-cache to any conditional request. */
function conditionalGet(url: string, etag: string): Promise<{ status: number; etag?: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'if-none-match': etag } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, etag: res.headers.etag, body }));
    }).on('error', reject);
  });
}

const ADMIN_KEY = 'exports-test-admin-key-0123456789';
const TODAY = '2026-04-15';

interface ApiFollowUp {
  id: string;
  title: string;
  dueDate: string | null;
  status: string;
  daysOverdue: number | null;
  commitment: { id: string; title: string };
}

describe('CSV and iCalendar exports', () => {
  let app: TestApp;
  let base: string;
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };

  beforeAll(async () => {
    app = await startTestApp({ seed: true, env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: `${TODAY}T10:00:00Z`, PUBLIC_URL: 'https://tracker.example' } });
    base = app.url.replace(/\/graphql$/, '');
  });
  afterAll(() => app.stop());

  async function allFollowUps(asOf: string): Promise<ApiFollowUp[]> {
    const found: ApiFollowUp[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { data?: any; errors?: unknown[] } = await app.graphql(
        `query($asOf: Date, $after: String) { followUps(asOf: $asOf, first: 100, after: $after) {
           pageInfo { hasNextPage endCursor } nodes { id title dueDate status daysOverdue commitment { id title } } } }`,
        { asOf, after },
      );
      expect(res.errors).toBeUndefined();
      found.push(...res.data.followUps.nodes);
      if (!res.data.followUps.pageInfo.hasNextPage) return found;
      after = res.data.followUps.pageInfo.endCursor;
    }
  }

  async function csvRows(asOf?: string): Promise<Record<string, string>[]> {
    const res = await fetch(`${base}/export/commitments.csv${asOf ? `?asOf=${asOf}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    return parse(await res.text(), { columns: true, strict: true } as never) as Record<string, string>[];
  }

  async function calendarEvents(): Promise<InstanceType<typeof ICAL.Event>[]> {
    const res = await fetch(`${base}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  }

  describe('GET /export/commitments.csv', () => {
    it('has one row per follow-up whose status, due date and days overdue are the API\'s for the asOf date', async () => {
      for (const asOf of [TODAY, '2026-02-01', '2027-06-30']) {
        const [rows, api] = await Promise.all([csvRows(asOf), allFollowUps(asOf)]);
        expect(rows.map((r) => r.follow_up_id)).toEqual(api.map((f) => f.id));
        for (const [i, f] of api.entries()) {
          expect(rows[i]).toMatchObject({
            commitment_id: f.commitment.id,
            commitment: f.commitment.title,
            follow_up: f.title,
            due_date: f.dueDate ?? '',
            status: f.status,
            days_overdue: f.daysOverdue === null ? '' : String(f.daysOverdue),
          });
        }
      }
    });

    it('defaults asOf to the server\'s today and names the parties and sources', async () => {
      const rows = await csvRows();
      const api = await allFollowUps(TODAY);
      expect(rows.map((r) => r.status)).toEqual(api.map((f) => f.status));
      expect(rows.some((r) => r.status === 'OVERDUE')).toBe(true);
      for (const r of rows) {
        expect(r.responsible_parties).toMatch(/^[A-Z]{2}(; [A-Z]{2})*$/);
        expect(r.sources.length).toBeGreaterThan(0);
      }
    });

    it('is RFC 4180: CRLF line ends, and fields with commas and quotes quoted so they read back intact', async () => {
      const title = 'Hold "joint" drills, twice a year';
      const sourceTitle = 'Joint statement, "part one"';
      const source = await app.graphql(
        `mutation($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`,
        { input: { title: sourceTitle, outlet: 'APP' } },
        admin,
      );
      expect(source.errors).toBeUndefined();
      const created = await app.graphql(
        `mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id } } }`,
        { input: { title, partyCodes: ['PK', 'CN'], dueDate: '2026-12-01', sourceIds: [source.data.createSource.source.id] } },
        admin,
      );
      expect(created.errors).toBeUndefined();
      const text = await (await fetch(`${base}/export/commitments.csv?asOf=${TODAY}`)).text();
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      // Every record, the header included, ends in CRLF (line breaks inside fields: src/exports/export-formats.test.ts).
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.split('\r\n')).toHaveLength(rows.length + 2);
      expect(text.split('\r\n')[0]).toBe(
        'follow_up_id,commitment_id,commitment,follow_up,due_date,status,as_of,days_overdue,completed_on,responsible_parties,engagement,sources,source_urls,commitment_url',
      );
      expect(text).toContain('"Hold ""joint"" drills, twice a year"');
      const row = rows.find((r) => r.commitment_id === created.data.createCommitment.commitment.id)!;
      expect(row.commitment).toBe(title);
      expect(row.sources).toBe(`${sourceTitle} (APP)`);
      expect(row.responsible_parties).toBe('CN; PK');
    });

    it('starts with a UTF-8 byte order mark and says in every row which day its statuses hold for', async () => {
      const res = await fetch(`${base}/export/commitments.csv?asOf=2026-03-01`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(bytes.toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.as_of))).toEqual(new Set(['2026-03-01']));
      expect(rows[0].commitment_url).toBe(`https://tracker.example/commitments/${rows[0].commitment_id}`);
    });

    it('neutralises a title that a spreadsheet would run as a formula', async () => {
      const created = await app.graphql(
        `mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id } } }`,
        { input: { title: '=HYPERLINK("http://evil.example","click")', partyCodes: ['PK'], dueDate: '2026-06-01' } },
        admin,
      );
      expect(created.errors).toBeUndefined();
      const row = (await csvRows()).find((r) => r.commitment_id === created.data.createCommitment.commitment.id)!;
      expect(row.commitment).toBe(`'=HYPERLINK("http://evil.example","click")`);
    });

    it('answers 304 without making the file again while the data and the day are unchanged, and 200 after a write', async () => {
      const first = await fetch(`${base}/export/commitments.csv`);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^W\//);
      await first.arrayBuffer();
      const again = await conditionalGet(`${base}/export/commitments.csv`, etag);
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
      expect((await conditionalGet(`${base}/export/commitments.csv?asOf=2026-01-01`, etag)).status).toBe(200);
      const wrote = await app.graphql(`mutation { createSource(input: { title: "A new source", url: "https://example.org/new" }) { source { id } } }`, {}, admin);
      expect(wrote.errors).toBeUndefined();
      const changed = await conditionalGet(`${base}/export/commitments.csv`, etag);
      expect(changed.status).toBe(200);
      expect(changed.etag).not.toBe(etag);
    });

    it('answers 400 with a sentence naming asOf for a date that is not YYYY-MM-DD or does not exist', async () => {
      for (const bad of ['2026-02-30', 'tomorrow', '15/04/2026', '2026-04-15&asOf=2026-04-16']) {
        const res = await fetch(`${base}/export/commitments.csv?asOf=${bad}`);
        expect(res.status).toBe(400);
        expect(await res.text()).toMatch(/^asOf must be one calendar date written YYYY-MM-DD/);
      }
    });
  });

  describe('GET /calendar.ics', () => {
    it('has one all-day event per dated follow-up, on its due date, with its status as of today', async () => {
      const [events, api] = await Promise.all([calendarEvents(), allFollowUps(TODAY)]);
      const dated = api.filter((f) => f.dueDate);
      expect(events).toHaveLength(dated.length);
      const byUid = new Map(events.map((e) => [e.uid, e]));
      expect(byUid.size).toBe(events.length);
      const overdue = dated.find((f) => f.status === 'OVERDUE')!;
      const event = events.find((e) => e.summary.includes(overdue.title))!;
      expect(event.startDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe(overdue.dueDate);
      expect(event.endDate.toString()).toBe(event.startDate.clone().adjust(1, 0, 0, 0).toString());
      expect(event.summary).toMatch(/^\[OVERDUE\] /);
      expect(event.description).toContain(`${overdue.daysOverdue} days overdue`);
      expect(event.description).toContain(overdue.commitment.title);
      expect(event.description).toContain('Sources:');
    });

    it('links every event to its commitment\'s page under PUBLIC_URL, whatever Host the request names', async () => {
      const res = await fetch(`${base}/calendar.ics`, { headers: { host: 'evil.example' } });
      const calendar = new ICAL.Component(ICAL.parse(await res.text()));
      const urls = calendar.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('url')));
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toMatch(/^https:\/\/tracker\.example\/commitments\/[A-Za-z0-9_-]+$/);
    });

    it('keeps each follow-up\'s UID as reports come in, so a subscribed calendar updates the event in place', async () => {
      const [overdue] = (await allFollowUps(TODAY)).filter((f) => f.status === 'OVERDUE');
      const before = (await calendarEvents()).find((e) => e.summary.includes(overdue.title))!;
      const reported = await app.graphql(
        `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { followUp { status } } }`,
        { input: { followUpId: overdue.id, state: 'DONE', reportedOn: TODAY, note: 'held in Islamabad' } },
        admin,
      );
      expect(reported.errors).toBeUndefined();
      const after = (await calendarEvents()).find((e) => e.uid === before.uid)!;
      expect(before.summary).toMatch(/^\[OVERDUE\] /);
      expect(after.summary).toMatch(/^\[DONE\] /);
      expect(after.description).toContain(`Completed on: ${TODAY}`);
      expect(after.sequence).toBeGreaterThan(before.sequence);
    });
  });
});
