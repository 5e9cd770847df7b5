import type { Client } from 'graphql-ws';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { encodeEventCursor } from '../../src/events/event-cursor';
import { createCommitment, createParty } from '../support/factories';
import { pause, ReceivedEvent, subscribe, Subscriber, wsUrlOf, writeEvents } from '../support/live-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('subscriptions with several servers on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let commitment: string;
  const subscribers: Subscriber[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ shareDatabaseOf: a });
    commitment = await createCommitment(a.db, { title: 'Counter-terrorism dialogue', partyIds: [await createParty(a.db, 'PK')] });
  });

  afterEach(async () => {
    await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
  });

  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  async function latestCursor(): Promise<string> {
    const [{ id }] = await a.db.query(`SELECT COALESCE(max(id), 0)::text AS id FROM commitment_event`);
    return encodeEventCursor(id);
  }

  it('delivers a write through either server to the subscribers of both, exactly once each', async () => {
    const after = await latestCursor();
    const onA = subscribe(a.url, { after });
    const onB = subscribe(b.url, { after });
    subscribers.push(onA, onB);
    const [throughB] = await writeEvents(b.db, [{ commitmentId: commitment, kind: 'PROGRESS_REPORTED' }]);
    const [throughA] = await writeEvents(a.db, [{ commitmentId: commitment, kind: 'UPDATED' }]);
    for (const s of [onA, onB]) await s.waitForCount(2);
    await pause(300);
    for (const s of [onA, onB]) {
      expect(s.events.map((e) => [e.cursor, e.kind])).toEqual([
        [encodeEventCursor(throughB), 'PROGRESS_REPORTED'],
        [encodeEventCursor(throughA), 'UPDATED'],
      ]);
    }
  });

  it('keeps delivering after a server loses its LISTEN connection, catching up on writes made meanwhile', async () => {
    const onA = subscribe(a.url, { after: await latestCursor() });
    subscribers.push(onA);
    await onA.connected;
    const [{ count }] = await a.db.query(
      `SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity
        WHERE application_name = 'follow-through-tracker:events' AND datname = current_database()`,
    );
    expect(count).toBe(2); // one per server
    const ids = await writeEvents(b.db, [{ commitmentId: commitment }, { commitmentId: commitment }, { commitmentId: commitment }]);
    await onA.waitForCount(3, 10_000);
    await pause(300);
    expect(onA.events.map((e) => e.cursor)).toEqual(ids.map(encodeEventCursor));
  });

  it('resumes by cursor on another server after a client is killed mid-stream, while writes continue', async () => {
    const after = await latestCursor();
    const written: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const via = i % 2 ? a : b;
        written.push(...(await writeEvents(via.db, Array.from({ length: 1 + (i % 3) }, () => ({ commitmentId: commitment })))));
        await pause(5);
      }
    })();

    // First connection, on A: read a while, then die without a goodbye.
    const received: ReceivedEvent[] = [];
    let socket: WebSocket | undefined;
    const first: Client = createClient({ url: wsUrlOf(a.url), webSocketImpl: WebSocket, retryAttempts: 0, on: { connected: (s) => (socket = s as WebSocket) } });
    await new Promise<void>((resolve) => {
      first.subscribe<{ commitmentEvents: ReceivedEvent }>(
        { query: 'subscription($after: String) { commitmentEvents(after: $after) { cursor kind } }', variables: { after } },
        {
          next: ({ data }) => {
            if (data) received.push(data.commitmentEvents);
            if (received.length === 40) {
              socket!.terminate();
              resolve();
            }
          },
          error: () => resolve(),
          complete: () => resolve(),
        },
      );
    });
    await first.dispose();
    await pause(200); // writes go on while the client is away

    // Second connection, on B, from the last cursor the client saw.
    const resumed = subscribe(b.url, { after: received[received.length - 1].cursor }, 'cursor kind');
    subscribers.push(resumed);
    await pause(300);
    writing = false;
    await writer;
    const total = written.length;
    await resumed.waitForCount(total - received.length, 10_000);
    await pause(200);
    expect([...received, ...resumed.events].map((e) => e.cursor)).toEqual(written.map(encodeEventCursor));
  });
});
