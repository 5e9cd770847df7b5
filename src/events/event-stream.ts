import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { CommitmentEventRow } from './commitment-event.repository';
import { EVENTS_CHANNEL } from './event-log';
import { latestEventId, loadBatchFacts, readEventsAfter } from './event-feed.repository';
import { BatchFacts, EventFilter, widestNeeds } from './event-filter';
import { eventsFannedOut } from '../metrics/metrics';

/** Events read per statement when new ones are announced. */
const BATCH_SIZE = 1_000;
const MAX_RECONNECT_DELAY_MS = 5_000;

/** Whoever wants the live events: in practice one per subscription. */
export interface EventSink {
  readonly filter: EventFilter;
  /** Every committed event after the sink registered, in id order, in batches; must not block. */
  push(events: readonly CommitmentEventRow[], facts: BatchFacts): void;
  /** Called now and then, so that a sink can give up on a reader that stopped reading. */
  cutOffIfStalled(): void;
}

export interface EventStreamOptions {
  db: DataSource;
  config: Config;
  log: Logger;
  /** For the dedicated LISTEN connection (a pooled one would be handed back and lose it). */
  connectionString: string;
}

/** Ids are decimal strings without leading zeros: compare them without BigInt. */
export const isAfter = (id: string, than: string) => (id.length === than.length ? id > than : id.length > than.length);

/**
 * The one live feed of a server process. A dedicated connection LISTENs on the channel that
 * appendEvents notifies on commit; each notification makes ONE query read the events after the last
 * one seen, load what the subscribers' filters need about them with ONE more, and hand the batch to
 * every sink in memory. So the cost of a write is two queries per server, whatever the number of
 * subscribers, and events written through any server reach every server's subscribers.
 *
 * Notifications only say "there is more": the read is by id, so a burst of notifications is one
 * read, and after a lost connection a reconnect simply reads everything after the last id seen.
 */
export class EventStream {
  private readonly sinks = new Set<EventSink>();
  private lastId = '0';
  private listener?: Client;
  private reconnectDelayMs = 100;
  private reconnectTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private drainAgain = false;
  private stopped = false;
  private readonly sweeper: NodeJS.Timeout;

  private constructor(private readonly options: EventStreamOptions) {
    const every = Math.max(Math.floor(options.config.subscriptionStallMs / 2), 50);
    this.sweeper = setInterval(() => this.sinks.forEach((s) => s.cutOffIfStalled()), every).unref();
  }

  static async start(options: EventStreamOptions): Promise<EventStream> {
    const stream = new EventStream(options);
    await stream.listen();
    // Read after LISTEN is in place, so nothing committed in between goes unannounced.
    stream.lastId = await latestEventId(options.db);
    stream.requestDrain();
    return stream;
  }

  /** The id of the last event handed to sinks: a sink registered now gets every event after it. */
  get position(): string {
    return this.lastId;
  }

  /** Starts handing events after `position` to the sink; returns the function that stops it. */
  register(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  get sinkCount(): number {
    return this.sinks.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.sweeper);
    this.sinks.clear();
    await this.listener?.end().catch(() => undefined);
    await this.draining;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.connectionString, keepAlive: true, application_name: 'follow-through-tracker:events' });
    client.on('notification', () => this.requestDrain());
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.listener = client;
    this.reconnectDelayMs = 100;
  }

  private lost(client: Client, err?: Error): void {
    if (this.stopped || this.listener !== client) return;
    this.listener = undefined;
    client.removeAllListeners();
    client.end().catch(() => undefined);
    this.options.log.warn({ err }, 'event stream: lost the LISTEN connection; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.reconnectTimer = setTimeout(async () => {
      try {
        await this.listen();
        this.options.log.info('event stream: listening again; catching up');
        this.requestDrain();
      } catch (err) {
        this.options.log.warn({ err, retryInMs: this.reconnectDelayMs }, 'event stream: reconnect failed');
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
        this.scheduleReconnect();
      }
    }, this.reconnectDelayMs);
  }

  /** One drain at a time; announcements during a drain make it run once more. */
  private requestDrain(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((err) => {
        this.options.log.error({ err }, 'event stream: reading new events failed; retrying');
        setTimeout(() => this.requestDrain(), 500).unref();
      })
      .finally(() => {
        this.draining = undefined;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.requestDrain();
        }
      });
  }

  private async drain(): Promise<void> {
    const { db, config } = this.options;
    for (;;) {
      const events = await readEventsAfter(db, this.lastId, BATCH_SIZE);
      if (!events.length || this.stopped) return;
      // The sinks present now get this batch; one registered from here on starts after it.
      const sinks = [...this.sinks];
      const previous = this.lastId;
      this.lastId = events[events.length - 1].id;
      let facts: BatchFacts;
      try {
        facts = await loadBatchFacts(db, events, widestNeeds(sinks.map((s) => s.filter.needs)), config);
      } catch (err) {
        this.lastId = previous; // read the batch again; sinks skip what they already have
        throw err;
      }
      for (const sink of sinks) if (this.sinks.has(sink)) sink.push(events, facts);
      eventsFannedOut.inc(events.length * sinks.length);
      if (events.length < BATCH_SIZE) return;
    }
  }
}
