import type { CommitmentEventRow } from './commitment-event.repository';
import { BatchFacts, compileEventFilter } from './event-filter';
import type { EventSink } from './event-stream';
import { EventSubscription, EventSubscriptionOptions } from './event-subscription';

/** An event log and a live stream in memory, with the same guarantees as the real ones. */
function world(initial: number) {
  const log: CommitmentEventRow[] = [];
  const sinks = new Set<EventSink>();
  const facts = new BatchFacts(new Map(), 14, 'UTC');
  let position = '0';
  const row = (id: number): CommitmentEventRow =>
    ({ id: String(id), commitmentId: '1', followUpId: null, kind: 'UPDATED', occurredAt: new Date(), actor: 't', previousStatus: null, status: null, details: null }) as CommitmentEventRow;
  const commit = (n: number) => {
    for (let i = 0; i < n; i++) log.push(row(log.length + 1));
  };
  /** The stream catches up with the log: everything committed is pushed to the sinks. */
  const announce = () => {
    const fresh = log.filter((e) => Number(e.id) > Number(position));
    if (!fresh.length) return;
    position = fresh[fresh.length - 1].id;
    for (const s of [...sinks]) s.push(fresh, facts);
  };
  commit(initial);
  announce();
  const stream = {
    get position() {
      return position;
    },
    register: (sink: EventSink) => {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
  let beforeRead: () => void = () => undefined;
  const options = (o: Partial<EventSubscriptionOptions>): EventSubscriptionOptions => ({
    stream,
    filter: compileEventFilter({
      statuses: null, partyIds: null, involvingPartyIds: null, kinds: null, sourceId: null, stances: null, engagementId: null, dueFrom: null, dueTo: null, searchPatterns: [],
    }),
    afterId: null,
    bufferLimit: 1_000,
    stallMs: 60_000,
    readPage: async (after, limit) => {
      beforeRead();
      return { events: log.filter((e) => Number(e.id) > Number(after)).slice(0, limit), facts };
    },
    onStalled: () => undefined,
    ...o,
  });
  return { commit, announce, options, sinks, onRead: (f: () => void) => (beforeRead = f) };
}

async function take(sub: EventSubscription, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await sub.next();
    if (r.done) break;
    ids.push(Number(r.value.id));
  }
  return ids;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('EventSubscription', () => {
  it('replays from the cursor, then goes live, with no gap or repeat when events commit during the replay', async () => {
    const w = world(1_200);
    const sub = new EventSubscription(w.options({ afterId: '100' }));
    // The first three reads of the log each race with a commit the stream announces at once.
    let reads = 0;
    w.onRead(() => {
      if (++reads > 3) return;
      w.commit(7);
      w.announce();
    });
    expect(await take(sub, 1_121)).toEqual(range(101, 1_221));
    w.commit(3);
    w.announce();
    expect(await take(sub, 3)).toEqual(range(1_222, 1_224));
  });

  it('does not repeat what the replay read when the live stream lags behind the log', async () => {
    const w = world(10);
    w.commit(5); // committed, not yet announced to this server's stream
    const sub = new EventSubscription(w.options({ afterId: '8' }));
    expect(await take(sub, 7)).toEqual(range(9, 15));
    const pending = sub.next();
    await new Promise((resolve) => setImmediate(resolve)); // the replay finds no more and goes live
    w.announce(); // the stream now pushes 11..15, already read from the log
    w.commit(1);
    w.announce();
    expect((await pending).value.id).toBe('16');
  });

  it('does not read the log for a cursor the stream has not passed yet, and skips up to it', async () => {
    const w = world(10);
    w.commit(2); // 11 and 12 are committed, the stream has not announced them
    const reads = jest.fn();
    w.onRead(reads);
    const sub = new EventSubscription(w.options({ afterId: '11' }));
    w.announce();
    expect(await take(sub, 1)).toEqual([12]);
    expect(reads).not.toHaveBeenCalled();
  });

  it('hands out live events without a cursor, starting after the stream position', async () => {
    const w = world(50);
    const sub = new EventSubscription(w.options({}));
    w.commit(3);
    w.announce();
    expect(await take(sub, 3)).toEqual([51, 52, 53]);
  });

  it('catches up from the log when a burst overflows the buffer, losing and repeating nothing', async () => {
    const w = world(10);
    const sub = new EventSubscription(w.options({ bufferLimit: 5 }));
    expect(await take(sub, 0)).toEqual([]);
    w.commit(40);
    w.announce(); // 40 events into a buffer of 5: dropped, to be read from the log
    const first = await take(sub, 20);
    w.commit(5);
    w.announce();
    const second = await take(sub, 25);
    expect([...first, ...second]).toEqual(range(11, 55));
  });

  it('skips a batch the stream pushes twice', async () => {
    const w = world(0);
    const sub = new EventSubscription(w.options({}));
    w.commit(2);
    w.announce();
    for (const s of w.sinks) s.push([{ id: '1' } as CommitmentEventRow, { id: '2' } as CommitmentEventRow], new BatchFacts(new Map(), 14, 'UTC'));
    w.commit(1);
    w.announce();
    expect(await take(sub, 3)).toEqual([1, 2, 3]);
  });

  it('cuts off a reader that takes nothing for stallMs while events wait, and only then', async () => {
    let now = 0;
    const w = world(0);
    const onStalled = jest.fn();
    const sub = new EventSubscription(w.options({ stallMs: 1_000, onStalled, now: () => now }));
    w.commit(1);
    w.announce();
    expect(await take(sub, 1)).toEqual([1]);
    now = 5_000; // an idle reader waiting in next() is not stalled
    const pending = sub.next();
    w.commit(1);
    w.announce();
    expect((await pending).value.id).toBe('2');
    now = 5_500;
    w.commit(1);
    w.announce(); // buffered; the reader has not come back for it yet
    now = 6_600;
    w.commit(1);
    w.announce();
    expect(onStalled).toHaveBeenCalledTimes(1);
    expect(await sub.next()).toEqual({ value: undefined, done: true });
    expect(w.sinks.size).toBe(0);
  });

  it('is cut off by the periodic check when a stalled reader gets no more events', async () => {
    let now = 0;
    const w = world(0);
    const onStalled = jest.fn();
    const sub = new EventSubscription(w.options({ stallMs: 1_000, onStalled, now: () => now }));
    w.commit(2);
    w.announce();
    expect(await take(sub, 1)).toEqual([1]); // event 2 waits; the reader is busy writing event 1
    now = 900;
    expect(sub.cutOffIfStalled()).toBe(false);
    now = 1_100;
    expect(sub.cutOffIfStalled()).toBe(true);
    expect(onStalled).toHaveBeenCalledTimes(1);
  });

  it('never cuts off a reader with nothing waiting for it', async () => {
    let now = 0;
    const w = world(0);
    const onStalled = jest.fn();
    const sub = new EventSubscription(w.options({ stallMs: 1_000, onStalled, now: () => now }));
    w.commit(1);
    w.announce();
    expect(await take(sub, 1)).toEqual([1]);
    now = 60_000;
    expect(sub.cutOffIfStalled()).toBe(false);
    expect(onStalled).not.toHaveBeenCalled();
  });

  it('unregisters and ends a pending next() when the client goes away', async () => {
    const w = world(0);
    const sub = new EventSubscription(w.options({}));
    const pending = sub.next();
    await sub.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(w.sinks.size).toBe(0);
  });
});
