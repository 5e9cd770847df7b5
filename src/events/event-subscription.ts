import type { CommitmentEventRow } from './commitment-event.repository';
import type { BatchFacts, EventFilter } from './event-filter';
import { EventSink, EventStream, isAfter } from './event-stream';

/** The log is read in pages of this many events when replaying or catching up. */
const REPLAY_PAGE = 500;

export interface EventSubscriptionOptions {
  stream: Pick<EventStream, 'position' | 'register'>;
  filter: EventFilter;
  /** Resume after this event id: replay everything after it first. Null: live events only. */
  afterId: string | null;
  /** Matching events that may wait in memory; one more and the subscriber catches up from the log. */
  bufferLimit: number;
  /** How long a subscriber with events waiting may go without taking one before it is cut off. */
  stallMs: number;
  /** Reads the log after an id, with the facts `filter` needs about those events. */
  readPage(afterId: string, limit: number): Promise<{ events: CommitmentEventRow[]; facts: BatchFacts }>;
  /** The client stopped taking events: close its connection, telling it to resume by cursor. */
  onStalled(): void;
  now?: () => number;
}

/**
 * One subscriber's events, as the AsyncIterator graphql-ws pulls from. graphql-ws asks for the
 * next event only once the previous one is written to the socket, so a reader slower than the
 * writes makes the buffer grow.
 *
 * Two modes. Live: the stream pushes matching events into a bounded buffer. Catching up: events
 * are read from the log, page by page, at the reader's pace. A subscription with `after` starts
 * catching up; one whose buffer overflows (a burst of writes, a slow reader) drops the buffer and
 * catches up from the last event it handed out — memory stays bounded and nothing is lost. A reader
 * that takes nothing for stallMs while events wait is cut off, so a frozen client holds nothing.
 *
 * No gap or repeat at the seam: the sink is registered with the stream before the log is read, so
 * the buffer receives every event after the stream's position; catching up ends when a read comes
 * back empty, when every event the stream had handed out is in the log and so has been read;
 * the buffer, minus what was read, continues exactly from there, and later pushes of events the
 * log already gave (this server's stream may lag behind the log) are skipped. While catching up an overflowing
 * buffer is just emptied: whatever it held is in the log and will be read.
 */
export class EventSubscription implements AsyncIterableIterator<CommitmentEventRow>, EventSink {
  readonly filter: EventFilter;
  private buffer: CommitmentEventRow[] = [];
  /** The last id the stream pushed: older pushes (a retried batch) are repeats. */
  private pushedThrough: string;
  /** Every matching event up to this id has been handed out. */
  private handedThrough: string;
  private catchingUp: boolean;
  /** Where the next read of the log starts. */
  private readThrough: string;
  private page: CommitmentEventRow[] = [];
  private waiting?: (result: IteratorResult<CommitmentEventRow>) => void;
  /** True while graphql-ws is inside next(): the reader is keeping up. */
  private pulling = false;
  private lastHandedAt: number;
  private closed = false;
  private readonly unregister: () => void;
  private readonly now: () => number;

  constructor(private readonly options: EventSubscriptionOptions) {
    this.filter = options.filter;
    this.now = options.now ?? Date.now;
    this.lastHandedAt = this.now();
    const position = options.stream.position;
    this.unregister = options.stream.register(this);
    // A cursor at or past the stream's position (a client reconnecting after keeping up) needs no
    // read of the log: the stream is about to push everything after it. That spares the database
    // the stampede of thousands of dashboards resuming at once after a restart.
    const after = options.afterId ?? position;
    this.catchingUp = isAfter(position, after);
    this.pushedThrough = this.catchingUp ? position : after;
    this.handedThrough = after;
    this.readThrough = after;
  }

  push(events: readonly CommitmentEventRow[], facts: BatchFacts): void {
    for (const event of events) {
      if (this.closed) return;
      if (!isAfter(event.id, this.pushedThrough)) continue;
      this.pushedThrough = event.id;
      if (!this.filter.matches(event, facts)) continue;
      if (this.cutOffIfStalled()) return;
      if (this.waiting && !this.catchingUp) {
        this.hand(event);
        continue;
      }
      this.buffer.push(event);
      if (this.buffer.length > this.options.bufferLimit) {
        this.buffer = [];
        if (!this.catchingUp) {
          this.catchingUp = true;
          this.readThrough = this.handedThrough;
        }
      }
    }
  }

  /**
   * Cuts the reader off if events wait for it and it has taken none for stallMs: graphql-ws is
   * stuck writing to its socket. Checked on every push, and by the stream's periodic sweep for when
   * no more events come.
   */
  cutOffIfStalled(): boolean {
    const waiting = this.catchingUp || this.buffer.length > 0;
    if (this.closed || this.pulling || !waiting || this.now() - this.lastHandedAt <= this.options.stallMs) return false;
    this.close();
    this.options.onStalled();
    return true;
  }

  async next(): Promise<IteratorResult<CommitmentEventRow>> {
    if (this.closed) return { value: undefined, done: true };
    this.pulling = true;
    if (this.catchingUp) {
      const read = await this.nextFromLog();
      if (this.closed) return { value: undefined, done: true };
      if (read) return this.handed(read);
      // Live from here: the stream's pushes up to what was read (it may lag behind the log) are repeats.
      this.catchingUp = false;
      this.buffer = this.buffer.filter((e) => isAfter(e.id, this.readThrough));
      if (isAfter(this.readThrough, this.pushedThrough)) this.pushedThrough = this.readThrough;
    }
    const buffered = this.buffer.shift();
    if (buffered) return this.handed(buffered);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The next matching event of the log; undefined once a read finds nothing more. */
  private async nextFromLog(): Promise<CommitmentEventRow | undefined> {
    while (!this.page.length) {
      const { events, facts } = await this.options.readPage(this.readThrough, REPLAY_PAGE);
      if (!events.length || this.closed) return undefined;
      this.readThrough = events[events.length - 1].id;
      this.page = events.filter((e) => this.filter.matches(e, facts));
    }
    return this.page.shift();
  }

  private handed(event: CommitmentEventRow): IteratorResult<CommitmentEventRow> {
    this.pulling = false;
    this.lastHandedAt = this.now();
    this.handedThrough = event.id;
    return { value: event, done: false };
  }

  private hand(event: CommitmentEventRow): void {
    const resolve = this.waiting!;
    this.waiting = undefined;
    resolve(this.handed(event));
  }

  async return(): Promise<IteratorResult<CommitmentEventRow>> {
    this.close();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<CommitmentEventRow>> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unregister();
    this.buffer = [];
    this.page = [];
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
  }
}
