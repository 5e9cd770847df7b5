import { randomUUID } from 'node:crypto';
import { Webhook as Signer } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../db/data-source';
import type { AppServices } from '../graphql/context';
import type { EventStream } from '../events/event-stream';
import { latestEventId } from '../events/event-feed.repository';
import { encodeEventCursor } from '../events/event-cursor';
import { hostOf } from './address-policy';
import { DeliveryClient, DELIVERY_TIMEOUT_MS } from './delivery-http';
import { EventPages } from './event-pages';
import { afterFailure } from './retry-schedule';
import { SecretBox, HOW_TO_SET_A_KEY } from './secret-box';
import { deliveryBody, messageId, signedHeaders } from './webhook-message';
import { webhookFilter } from './webhook-filter';
import { acknowledge, claimDueWebhooks, ClaimedWebhook, giveUpEvent, nextDueInMs, recordFailure } from './webhook.repository';

/** Webhooks one server delivers at a time; each delivers its events one after another, in order. */
const CONCURRENCY = 64;
/** Longer than one attempt may take, so a live server renews its lease before it runs out. */
const LEASE_MS = DELIVERY_TIMEOUT_MS + 5_000;
/** Progress is written after this many deliveries or this long, whichever comes first. */
const ACK_EVERY_DELIVERIES = 20;
const ACK_EVERY_MS = 200;
/** In case a notification was missed (events written by plain SQL, a LISTEN reconnect). */
const SAFETY_POLL_MS = 30_000;
/** Connections of delivery's own pool, apart from the API's: a burst of deliveries never queues a request. */
const POOL_SIZE = 3;

export interface WebhookDelivery {
  /** Stops claiming, cancels attempts in flight (they are delivered again later) and gives back every lease. */
  stop(): Promise<void>;
}

/**
 * Delivers the event log to webhooks, from Postgres and not from memory: each webhook's position
 * is its row's delivered_through, so what a crash interrupts is simply still owed afterwards.
 *
 * Guarantees, and how:
 * - At least once: progress is written only after the receiver answered 2xx. A crash between the
 *   answer and the write repeats at most the last few deliveries (ACK_EVERY_*), with the same
 *   webhook-id, so the receiver can drop the repeats.
 * - In order per webhook: one run at a time per webhook (the lease), events in id order, and a
 *   failure ends the run; later events wait until the failing one succeeds or is given up (24 h).
 * - One server of many: claims take FOR UPDATE SKIP LOCKED and a lease; a dead server's lease runs
 *   out after LEASE_MS and another server carries on from the row's position.
 * - Other webhooks are not slowed by a failing one: it gives up its slot at once and waits for its
 *   retry time in the database, not in a slot.
 */
export async function startWebhookDelivery(services: AppServices, events: Pick<EventStream, 'register'>): Promise<WebhookDelivery> {
  const url = (services.db.options as { url?: string }).url;
  if (!url) throw new Error('webhook delivery needs a Postgres data source configured by url');
  const db = await createDataSource({ url, poolSize: POOL_SIZE, statementTimeoutMs: services.config.dbStatementTimeoutMs }).initialize();
  return new Dispatcher({ ...services, db }, events);
}

class Dispatcher implements WebhookDelivery {
  private readonly client = new DeliveryClient();
  private readonly pages: EventPages;
  private readonly box?: SecretBox;
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private round?: Promise<void>;
  private roundAgain = false;
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private readonly unregister: () => void;
  private readonly safetyPoll: NodeJS.Timeout;

  constructor(
    /** With delivery's own pool as db. */
    private readonly services: AppServices & { db: DataSource },
    events: Pick<EventStream, 'register'>,
  ) {
    this.pages = new EventPages(services.db, services.config);
    this.box = services.config.webhookSecretKey ? new SecretBox(services.config.webhookSecretKey) : undefined;
    this.unregister = events.register({
      filter: { needs: 'none', matches: () => true },
      push: () => {
        this.pages.invalidateTail();
        this.requestRound();
      },
      cutOffIfStalled: () => undefined,
    });
    this.safetyPoll = setInterval(() => this.requestRound(), SAFETY_POLL_MS).unref();
    this.requestRound();
  }

  private stopped?: Promise<void>;

  /** Idempotent, as the server's own stop is. */
  stop(): Promise<void> {
    return (this.stopped ??= this.shutDown());
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    this.unregister();
    clearInterval(this.safetyPoll);
    clearTimeout(this.timer);
    for (const run of this.running.values()) run.abort.abort();
    await this.round;
    await Promise.all([...this.running.values()].map((r) => r.done));
    this.client.close();
    await this.services.db.destroy();
  }

  /** One round at a time; a request during one makes it run once more. */
  private requestRound(): void {
    if (this.stopping) return;
    if (this.round) {
      this.roundAgain = true;
      return;
    }
    this.round = this.claimAndStart()
      .catch((err) => {
        this.services.log.error({ err }, 'webhooks: looking for due deliveries failed; retrying');
        this.wakeIn(1_000);
      })
      .finally(() => {
        this.round = undefined;
        if (this.roundAgain) {
          this.roundAgain = false;
          this.requestRound();
        }
      });
  }

  private wakeIn(ms: number): void {
    if (this.stopping) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.requestRound(), Math.max(ms, 20)).unref();
  }

  private async claimAndStart(): Promise<void> {
    const free = CONCURRENCY - this.running.size;
    if (free <= 0) return; // a run that ends asks for another round
    const { db } = this.services;
    const latest = await latestEventId(db);
    const claimed = await claimDueWebhooks(db, { latestEventId: latest, limit: free, leaseMs: LEASE_MS, token: randomUUID() });
    for (const webhook of claimed) {
      const abort = new AbortController();
      const done = this.deliver(webhook, abort.signal)
        .catch((err) => this.services.log.error({ err, webhook: webhook.id }, 'webhooks: delivery run failed; its lease will run out and it is tried again'))
        .finally(() => {
          this.running.delete(webhook.id);
          this.requestRound();
        });
      this.running.set(webhook.id, { abort, done });
    }
    if (claimed.length === free) return; // more may be due: the runs ending will ask
    const due = await nextDueInMs(db, latest);
    if (due !== null) this.wakeIn(due);
  }

  /** One webhook's run: its owed events in order, until none is left, one fails, or the lease is lost. */
  private async deliver(webhook: ClaimedWebhook, signal: AbortSignal): Promise<void> {
    const { db, log, config } = this.services;
    const claimedAt = Date.now();
    const lease = { id: webhook.id, token: webhook.leaseToken };
    const url = new URL(webhook.url);
    const target = { url, allowPrivate: config.webhookAllowHosts.includes(hostOf(url)) };
    const filter = webhookFilter(webhook);
    let through = webhook.deliveredThrough;
    let failures = webhook.attempts;
    let deliveredSinceAck = false;
    let sinceAck = 0;
    let ackedAt = Date.now();

    const fail = async (eventId: string, error: string) => {
      const failingForMs = failures === 0 ? 0 : webhook.failingForMs + (Date.now() - claimedAt);
      const next = afterFailure(failures, failingForMs, config.webhookRetryBaseMs);
      if (next.giveUp) {
        log.warn({ webhook: webhook.id, target: url.origin, event: eventId, error }, 'webhooks: gave up on an event after 24 hours of failures');
        await giveUpEvent(db, lease.id, lease.token, eventId, `gave up on event ${encodeEventCursor(eventId)} after 24 h of failures; last: ${error}`);
      } else {
        log.warn({ webhook: webhook.id, target: url.origin, event: eventId, error, retryInMs: next.retryInMs }, 'webhooks: delivery failed; will retry');
        await recordFailure(db, lease.id, lease.token, through, error, next.retryInMs);
      }
    };

    let signer: Signer;
    try {
      if (!this.box) throw new Error(`cannot sign: ${HOW_TO_SET_A_KEY}`);
      signer = new Signer(this.box.open(webhook.secretEncrypted));
    } catch (err) {
      // Nothing can be sent unsigned: the head event waits, retried like any failure.
      const page = await this.pages.after(through, filter.needs);
      const head = page.events.find((e) => filter.matches(e, page.facts));
      await fail(head?.id ?? through, (err as Error).message);
      return;
    }

    for (;;) {
      const page = await this.pages.after(through, filter.needs);
      if (!page.events.length || signal.aborted) break;
      for (const event of page.events) {
        if (signal.aborted) break;
        if (!filter.matches(event, page.facts)) {
          through = event.id;
          continue;
        }
        const id = messageId(webhook.id, event.id);
        const body = deliveryBody(event);
        const outcome = await this.client.post(target, body, signedHeaders(signer, id, body, new Date()), signal);
        if (signal.aborted) break;
        if (!outcome.ok) {
          await acknowledge(db, { ...lease, deliveredThrough: through, delivered: deliveredSinceAck, leaseMs: LEASE_MS });
          await fail(event.id, outcome.error);
          return;
        }
        through = event.id;
        failures = 0;
        deliveredSinceAck = true;
        if (++sinceAck >= ACK_EVERY_DELIVERIES || Date.now() - ackedAt >= ACK_EVERY_MS) {
          if (!(await acknowledge(db, { ...lease, deliveredThrough: through, delivered: true, leaseMs: LEASE_MS }))) return; // deleted, or taken over
          deliveredSinceAck = false;
          sinceAck = 0;
          ackedAt = Date.now();
        }
      }
    }
    await acknowledge(db, { ...lease, deliveredThrough: through, delivered: deliveredSinceAck, leaseMs: null });
  }
}
