import Parser from 'rss-parser';
import { toGlobalId } from '../../src/graphql/global-id';
import { createCommitment, createEngagement, createFollowUp, createParty, createSource } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The Atom and JSON feeds as a feed reader sees them: parsed by a real parser (rss-parser) and
 * checked against the rules a feed validator applies — RFC 4287 for Atom (absolute IRI ids, unique
 * and unchanging; RFC 3339 dates; absolute alternate links), JSON Feed 1.1 for JSON.
 */
const PUBLIC_URL = 'https://tracker.example.org';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const parser = new Parser<Record<string, any>, Record<string, any>>({ customFields: { item: ['updated', 'published', 'summary', 'category'] } });

let app: TestApp;
let base: string;
const ids: Record<string, string> = {};

async function insertEvent(o: { commitmentId: string; kind: string; followUpId?: string; previousStatus?: string; status?: string; at: string; actor?: string; details?: object }) {
  const [row] = await app.db.query(
    `INSERT INTO commitment_event (commitment_id, follow_up_id, kind, actor, occurred_at, previous_status, status, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [o.commitmentId, o.followUpId ?? null, o.kind, o.actor ?? 'editor-key', o.at, o.previousStatus ?? null, o.status ?? null, o.details ? JSON.stringify(o.details) : null],
  );
  return row.id as string;
}

beforeAll(async () => {
  app = await startTestApp({ env: { PUBLIC_URL } });
  base = app.url.replace(/\/graphql$/, '');
  const db = app.db;
  // Kinds are added as the model grows; this database pretends one was, to see how the feed titles it.
  await db.query(`ALTER TABLE commitment_event DROP CONSTRAINT commitment_event_kind_check`);
  ids.pk = await createParty(db, 'PK', 'Pakistan');
  ids.cn = await createParty(db, 'CN', 'China');
  ids.us = await createParty(db, 'US', 'United States');
  ids.engagement = await createEngagement(db, { title: 'Islamabad talks' });
  ids.source = await createSource(db, { title: 'Dawn: ministers meet', publishedOn: '2026-01-12' });
  ids.jwg = await createCommitment(db, { title: 'Joint working group', engagementId: ids.engagement, partyIds: [ids.pk, ids.cn], sourceIds: [ids.source] });
  ids.meeting = await createFollowUp(db, { commitmentId: ids.jwg, title: 'Quarterly JWG meeting #2', dueDate: '2026-07-07' });
  ids.other = await createCommitment(db, { title: 'Visa facilitation', partyIds: [ids.us] });
  ids.e1 = await insertEvent({ commitmentId: ids.jwg, kind: 'CREATED', at: '2026-01-12T09:00:00Z' });
  ids.e2 = await insertEvent({ commitmentId: ids.other, kind: 'CREATED', at: '2026-01-13T09:00:00Z' });
  ids.e3 = await insertEvent({ commitmentId: ids.jwg, kind: 'STATUS_CHANGED', followUpId: ids.meeting, previousStatus: 'DUE_SOON', status: 'OVERDUE', at: '2026-07-08T00:00:00Z', actor: 'scheduler' });
  // A kind this code has no sentence for (the model grows new ones): titled generically.
  ids.e4 = await insertEvent({ commitmentId: ids.jwg, kind: 'EVIDENCE_ADDED', at: '2026-07-09T10:00:00Z' });
});
afterAll(() => app.stop());

// Node's fetch adds Cache-Control: no-cache to a conditional request unless one is given, and
// Express (its `fresh` check) then never answers 304, as for a browser's forced reload. Feed
// readers send no such header; neither do these requests.
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { 'cache-control': 'max-age=0', ...headers } });

describe('GET /feeds/events.atom', () => {
  it('is an Atom feed a reader parses, newest event first, with a human title, the commitment page and the actor', async () => {
    const res = await get('/feeds/events.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = await parser.parseString(await res.text());
    expect(feed.items.map((i) => i.title)).toEqual([
      'Joint working group: evidence added',
      'Quarterly JWG meeting #2 (2026-07-07) is now OVERDUE',
      'New commitment: Visa facilitation',
      'New commitment: Joint working group',
    ]);
    const overdue = feed.items[1];
    expect(overdue.link).toBe(`${PUBLIC_URL}/commitments/${toGlobalId('Commitment', ids.jwg)}`);
    expect((overdue as any).updated).toBe('2026-07-08T00:00:00.000Z');
    expect(overdue.author).toBe('scheduler');
    expect((overdue as any).summary).toBe(
      'Status DUE_SOON → OVERDUE. Commitment: Joint working group. Parties: China, Pakistan. Sources: Dawn: ministers meet (2026-01-12). Recorded by scheduler.',
    );
  });

  it('follows the validator rules of RFC 4287: absolute, unique, unchanging ids; RFC 3339 dates; absolute links', async () => {
    const text = await (await get('/feeds/events.atom')).text();
    const feed = await parser.parseString(text);
    const entryIds = feed.items.map((i) => i.id as string);
    expect(new Set(entryIds).size).toBe(entryIds.length);
    for (const id of entryIds) expect(id).toMatch(/^tag:tracker\.example\.org,2026:commitment-event:\d+$/);
    expect(entryIds[1]).toBe(`tag:tracker.example.org,2026:commitment-event:${ids.e3}`);
    for (const item of feed.items) {
      expect((item as any).updated).toMatch(RFC3339);
      expect(new URL(item.link!).protocol).toBe('https:');
    }
    // Feed-level: id, title, updated, a self link and an author, as RFC 4287 §4.1.1 requires.
    expect(text).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">\n  <id>tag:tracker\.example\.org,2026:feed:events<\/id>/);
    expect(text).toContain(`<link rel="self" type="application/atom+xml" href="${PUBLIC_URL}/feeds/events.atom"/>`);
    expect(text).toMatch(/<updated>2026-07-09T10:00:00\.000Z<\/updated>/);
    expect(text).toMatch(/<feed[^]*<author><name>Follow-through tracker<\/name><\/author>/);
    // The same event has the same id after more events arrive.
    const later = await insertEvent({ commitmentId: ids.other, kind: 'UPDATED', at: '2026-07-10T10:00:00Z', details: { title: { before: 'a', after: 'b' } } });
    const again = await parser.parseString(await (await get('/feeds/events.atom')).text());
    expect(again.items[0].title).toBe('Visa facilitation was updated (title)');
    expect(again.items.map((i) => i.id)).toEqual([`tag:tracker.example.org,2026:commitment-event:${later}`, ...entryIds]);
  });

  it('narrows by party, engagement, commitment and kind, repeatable or comma-separated', async () => {
    const titles = async (query: string) => (await parser.parseString(await (await get(`/feeds/events.atom?${query}`)).text())).items.map((i) => i.title);
    const jwgOnly = ['Joint working group: evidence added', 'Quarterly JWG meeting #2 (2026-07-07) is now OVERDUE', 'New commitment: Joint working group'];
    expect(await titles('party=PK')).toEqual(jwgOnly);
    expect(await titles('party=pk,CN')).toEqual(jwgOnly);
    expect((await titles('party=PK&party=US')).length).toBeGreaterThanOrEqual(4);
    expect(await titles(`engagement=${toGlobalId('Engagement', ids.engagement)}`)).toEqual(jwgOnly);
    expect(await titles(`commitment=${toGlobalId('Commitment', ids.jwg)}&kind=STATUS_CHANGED`)).toEqual(['Quarterly JWG meeting #2 (2026-07-07) is now OVERDUE']);
    expect(await titles('kind=CREATED,STATUS_CHANGED&party=US')).toEqual(['New commitment: Visa facilitation']);
  });

  it('holds at most the 50 newest events', async () => {
    await app.db.query(
      `INSERT INTO commitment_event (commitment_id, kind, actor, occurred_at) SELECT $1, 'UPDATED', 'bulk', TIMESTAMPTZ '2026-08-01' + i * interval '1 minute' FROM generate_series(1, 60) i`,
      [ids.other],
    );
    const feed = await parser.parseString(await (await get('/feeds/events.atom?party=US')).text());
    expect(feed.items).toHaveLength(50);
    expect((feed.items[0] as any).updated).toBe('2026-08-01T01:00:00.000Z');
    expect((feed.items[49] as any).updated).toBe('2026-08-01T00:11:00.000Z');
  });
});

describe('GET /feeds/events.json', () => {
  it('is a JSON Feed 1.1 with the same entries: string ids, RFC 3339 dates, absolute urls, authors', async () => {
    const res = await get(`/feeds/events.json?commitment=${toGlobalId('Commitment', ids.jwg)}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/feed\+json/);
    const feed = (await res.json()) as any;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${PUBLIC_URL}/feeds/events.json?commitment=${toGlobalId('Commitment', ids.jwg)}`);
    expect(feed.home_page_url).toBe(`${PUBLIC_URL}/dashboard`);
    expect(feed.items.map((i: any) => i.title)).toEqual([
      'Joint working group: evidence added',
      'Quarterly JWG meeting #2 (2026-07-07) is now OVERDUE',
      'New commitment: Joint working group',
    ]);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(item.date_published).toMatch(RFC3339);
      expect(new URL(item.url).href).toBe(`${PUBLIC_URL}/commitments/${toGlobalId('Commitment', ids.jwg)}`);
      expect(item.authors[0].name).toEqual(expect.any(String));
      expect(typeof item.content_text).toBe('string');
    }
    const atom = await parser.parseString(await (await get(`/feeds/events.atom?commitment=${toGlobalId('Commitment', ids.jwg)}`)).text());
    expect(feed.items.map((i: any) => i.id)).toEqual(atom.items.map((i: any) => i.id));
  });
});

describe('conditional GET', () => {
  it('answers 304 with no body to a matching If-None-Match or If-Modified-Since, and 200 once the data changes', async () => {
    const first = await get('/feeds/events.atom?party=PK');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\/"/);
    expect(new Date(lastModified).getTime()).not.toBeNaN();
    const byTag = await get('/feeds/events.atom?party=PK', { 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    const byDate = await get('/feeds/events.atom?party=PK', { 'if-modified-since': lastModified });
    expect(byDate.status).toBe(304);
    // Another narrowing or format is another representation.
    expect((await get('/feeds/events.json?party=PK', { 'if-none-match': etag })).status).toBe(200);
    await createSource(app.db, { title: 'a new source changes the data version' });
    const changed = await get('/feeds/events.atom?party=PK', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});

describe('bad requests', () => {
  it.each([
    ['party=ZZ', /unknown party code ZZ/],
    ['party=Pakistan', /not a party code/],
    ['engagement=nonsense', /engagement: "nonsense" is not an Engagement id/],
    [`engagement=${toGlobalId('Commitment', 1)}`, /is not an Engagement id/],
    [`commitment=${toGlobalId('Commitment', 999999)}`, /no commitment with id/],
    ['kind=HAPPENED', /kind: "HAPPENED" is not an event kind/],
  ])('answers ?%s with 400 and a plain sentence, not an empty feed', async (query, message) => {
    const res = await get(`/feeds/events.atom?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(message);
  });
});

describe('autodiscovery', () => {
  it('the dashboard advertises both feeds with <link rel="alternate">', async () => {
    const html = await (await get('/dashboard')).text();
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Follow-through: all changes (Atom)" href="/feeds/events.atom">');
    expect(html).toContain('<link rel="alternate" type="application/feed+json" title="Follow-through: all changes (JSON Feed)" href="/feeds/events.json">');
  });
});
