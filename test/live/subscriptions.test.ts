import { encodeEventCursor } from '../../src/events/event-cursor';
import { appendEvents } from '../../src/events/event-log';
import { toGlobalId } from '../../src/graphql/global-id';
import { createCommitment, createEngagement, createFollowUp, createParty } from '../support/factories';
import { pause, stalledSubscriber, subscribe, Subscriber, untilLive, writeEvents } from '../support/live-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('Subscription.commitmentEvents over graphql-ws', () => {
  let app: TestApp;
  let pk: string;
  let cn: string;
  let pkCommitment: string;
  let cnCommitment: string;
  const subscribers: Subscriber[] = [];
  const open = (...args: Parameters<typeof subscribe>) => {
    const s = subscribe(...args);
    subscribers.push(s);
    return s;
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { SUBSCRIPTION_BUFFER_LIMIT: '20', SUBSCRIPTION_STALL_MS: '500' } });
    pk = await createParty(app.db, 'PK', 'Pakistan');
    cn = await createParty(app.db, 'CN', 'China');
    pkCommitment = await createCommitment(app.db, { title: 'Joint working group on counter-terrorism', partyIds: [pk] });
    cnCommitment = await createCommitment(app.db, { title: 'Security of CPEC projects', partyIds: [cn] });
  });

  afterEach(async () => {
    await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
  });

  afterAll(async () => {
    await app.stop();
  });

  it('delivers an event written after the subscription started, with its fields resolved', async () => {
    const s = open(app.url);
    const seen = await untilLive(s, () => writeEvents(app.db, [{ commitmentId: cnCommitment }]));
    const [id] = await writeEvents(app.db, [{ commitmentId: pkCommitment, kind: 'PROGRESS_REPORTED' }]);
    const events = await s.waitForCount(seen + 1);
    expect(events[seen]).toMatchObject({
      kind: 'PROGRESS_REPORTED',
      commitment: { id: toGlobalId('Commitment', pkCommitment), title: 'Joint working group on counter-terrorism' },
      followUp: null,
    });
    const history = await app.graphql(`{ node(id: "${toGlobalId('Commitment', pkCommitment)}") { ... on Commitment { history(first: 100) { nodes { cursor } } } } }`);
    expect(history.data.node.history.nodes.map((n: { cursor: string }) => n.cursor)).toContain(events[seen].cursor);
    expect(id).toBeDefined();
  });

  it('never announces a write that rolled back', async () => {
    const s = open(app.url);
    const seen = await untilLive(s, () => writeEvents(app.db, [{ commitmentId: cnCommitment }]));
    await app.db
      .transaction(async (manager) => {
        await appendEvents(manager, [{ commitmentId: pkCommitment, kind: 'UPDATED', actor: 'test', occurredAt: new Date() }]);
        throw new Error('refused after the event was appended');
      })
      .catch(() => undefined);
    await writeEvents(app.db, [{ commitmentId: cnCommitment, kind: 'CREATED' }]);
    const events = await s.waitForCount(seen + 1);
    await pause(200);
    expect(events.slice(seen).map((e) => e.kind)).toEqual(['CREATED']);
  });

  it('resolves each event with fresh data, not a cache from an earlier event', async () => {
    const s = open(app.url);
    const seen = await untilLive(s, () => writeEvents(app.db, [{ commitmentId: pkCommitment }]));
    await app.db.query(`UPDATE commitment SET title = 'Renamed working group' WHERE id = $1`, [pkCommitment]);
    await writeEvents(app.db, [{ commitmentId: pkCommitment }]);
    const events = await s.waitForCount(seen + 1);
    expect(events[seen].commitment.title).toBe('Renamed working group');
    await app.db.query(`UPDATE commitment SET title = 'Joint working group on counter-terrorism' WHERE id = $1`, [pkCommitment]);
  });

  it('applies a party filter on the server', async () => {
    const s = open(app.url, { filter: { partyCodes: ['CN'] } });
    const seen = await untilLive(s, () => writeEvents(app.db, [{ commitmentId: cnCommitment }]));
    await writeEvents(app.db, [{ commitmentId: pkCommitment }, { commitmentId: cnCommitment, kind: 'CREATED' }, { commitmentId: pkCommitment }]);
    const events = await s.waitForCount(seen + 1);
    await pause(200);
    expect(events.slice(seen).map((e) => [e.commitment.id, e.kind])).toEqual([[toGlobalId('Commitment', cnCommitment), 'CREATED']]);
  });

  it('applies engagement, search and due-date filters on the server', async () => {
    const engagement = await createEngagement(app.db, { title: 'Islamabad talks' });
    const talks = await createCommitment(app.db, { title: 'Exchange of intelligence', description: 'Monthly briefings', engagementId: engagement, partyIds: [pk, cn] });
    await createFollowUp(app.db, { commitmentId: talks, dueDate: '2026-03-01' });
    const byEngagement = open(app.url, { filter: { engagementId: toGlobalId('Engagement', engagement) } });
    const bySearch = open(app.url, { filter: { search: 'monthly INTELLIGENCE' } });
    const byDue = open(app.url, { filter: { dueAfter: '2026-02-01', dueBefore: '2026-03-31' } });
    const byOtherDue = open(app.url, { filter: { dueAfter: '2026-04-01' } });
    for (const s of [byEngagement, bySearch, byDue]) await untilLive(s, () => writeEvents(app.db, [{ commitmentId: talks }]));
    await pause(200);
    const seen = [byEngagement, bySearch, byDue].map((s) => s.events.length);
    await writeEvents(app.db, [{ commitmentId: pkCommitment }, { commitmentId: talks, kind: 'CREATED' }, { commitmentId: cnCommitment }]);
    for (const [i, s] of [byEngagement, bySearch, byDue].entries()) {
      const events = await s.waitForCount(seen[i] + 1);
      await pause(100);
      expect(events.slice(seen[i]).map((e) => e.kind)).toEqual(['CREATED']);
    }
    expect(byOtherDue.events).toEqual([]);
  });

  it('matches a status filter on the status as of the event, and on changes into or out of it', async () => {
    const overdue = await createCommitment(app.db, { title: 'Overdue review', partyIds: [pk] });
    const followUp = await createFollowUp(app.db, { commitmentId: overdue, dueDate: '2020-01-01' });
    const s = open(app.url, { filter: { status: ['OVERDUE'] } });
    const seen = await untilLive(s, () => writeEvents(app.db, [{ commitmentId: overdue }]));
    await writeEvents(app.db, [
      { commitmentId: pkCommitment }, // UNDATED: no follow-ups
      { commitmentId: overdue, kind: 'PROGRESS_REPORTED' },
      { commitmentId: pkCommitment, followUpId: null, kind: 'UPDATED' },
    ]);
    await writeEvents(app.db, [{ commitmentId: cnCommitment, followUpId: followUp, kind: 'STATUS_CHANGED', previousStatus: 'OVERDUE', status: 'DONE' }]);
    const events = await s.waitForCount(seen + 2);
    await pause(100);
    expect(events.slice(seen).map((e) => e.kind)).toEqual(['PROGRESS_REPORTED', 'STATUS_CHANGED']);
  });

  it('refuses a malformed cursor and an unknown party code with BAD_USER_INPUT', async () => {
    const badCursor = open(app.url, { after: 'not-a-cursor' });
    const badParty = open(app.url, { filter: { partyCodes: ['ZZ'] } });
    for (const s of [badCursor, badParty]) {
      const failure = await s.failure;
      expect(failure.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    }
  });

  it('tells a client that posts a subscription over HTTP to use the WebSocket', async () => {
    const res = await app.graphql('subscription { commitmentEvents { cursor } }');
    expect(res.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/WebSocket/), extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) })]);
  });

  it('holds subscriptions to the same limits on aliases, depth and cost as queries', async () => {
    const tooManyAliases = Array.from({ length: 31 }, (_, i) => `a${i}: cursor`).join(' ');
    const s = open(app.url, {}, tooManyAliases);
    expect(await s.failure).toEqual({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_ALIASES' }) })] });
  });

  it('serves a burst far larger than the buffer to a client that keeps reading, once each and in order', async () => {
    const fast = open(app.url, {}, 'cursor');
    const seen = await untilLive(fast, () => writeEvents(app.db, [{ commitmentId: pkCommitment }]));
    const ids = await writeEvents(app.db, Array.from({ length: 3_000 }, () => ({ commitmentId: pkCommitment })));
    const events = await fast.waitForCount(seen + ids.length, 20_000);
    await pause(100);
    expect(events.slice(seen).map((e) => e.cursor)).toEqual(ids.map(encodeEventCursor));
  });

  it('closes a client that stops reading, with a reason, and leaves the others served', async () => {
    const bulky = await createCommitment(app.db, { title: 'Bulky', description: 'x'.repeat(5_000), partyIds: [pk] });
    const fast = open(app.url, { after: await latestCursor() }, 'cursor');
    // ~100 kB per event, 20 copies of a 5,000-character description: enough to fill the socket
    // buffers, which the kernel grows to tens of megabytes, within a few hundred events.
    const copies = Array.from({ length: 20 }, (_, i) => `c${i}: commitment { description }`).join(' ');
    const slow = await stalledSubscriber(app.url, `subscription { commitmentEvents { cursor ${copies} } }`, () =>
      writeEvents(app.db, [{ commitmentId: bulky }]),
    );
    const ids = await writeEvents(app.db, Array.from({ length: 2_000 }, () => ({ commitmentId: bulky })));
    const events = await fast.waitForCount(ids.length, 30_000);
    expect(events.map((e) => e.cursor).slice(-ids.length)).toEqual(ids.map(encodeEventCursor));
    await pause(1_000); // twice SUBSCRIPTION_STALL_MS: the stalled client is cut off meanwhile
    const closed = await slow.resumeReading();
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/^Too far behind: took no event for 500 ms; subscribe again with after/);
    expect(closed.received).toBeLessThan(ids.length);
    expect(fast.errors).toEqual([]);
  }, 60_000);

  async function latestCursor(): Promise<string> {
    const [{ id }] = await app.db.query(`SELECT max(id)::text AS id FROM commitment_event`);
    return encodeEventCursor(id ?? '0');
  }
});
