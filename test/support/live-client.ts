import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { DataSource } from 'typeorm';
import { appendEvents, NewEvent } from '../../src/events/event-log';

/**
 * Test harness for subscriptions: a stock graphql-ws client (what dashboards use) collecting the
 * events of one subscription, and a way to write events the way every write does.
 */

export const EVENT_FIELDS = 'cursor kind occurredAt previousStatus status commitment { id title } followUp { id }';

export interface ReceivedEvent {
  cursor: string;
  kind: string;
  occurredAt: string;
  previousStatus: string | null;
  status: string | null;
  commitment: { id: string; title: string };
  followUp: { id: string } | null;
}

export interface Subscriber {
  events: ReceivedEvent[];
  errors: unknown[];
  /** Set once the connection closed or the subscription failed: a CloseEvent-like or GraphQL errors. */
  failure: Promise<{ code?: number; reason?: string; errors?: unknown[] }>;
  /** Resolves once the server acknowledged the connection (the subscription may still be starting). */
  connected: Promise<void>;
  /** Resolves when at least `count` events have arrived; rejects after timeoutMs. */
  waitForCount(count: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  dispose(): Promise<void>;
}

export function wsUrlOf(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export function subscribe(
  httpUrl: string,
  variables: { filter?: Record<string, unknown>; after?: string } = {},
  fields = EVENT_FIELDS,
): Subscriber {
  let markConnected!: () => void;
  const connected = new Promise<void>((resolve) => (markConnected = resolve));
  const client: Client = createClient({ url: wsUrlOf(httpUrl), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, on: { connected: () => markConnected() } });
  const events: ReceivedEvent[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  let fail!: (f: { code?: number; reason?: string; errors?: unknown[] }) => void;
  const failure = new Promise<{ code?: number; reason?: string; errors?: unknown[] }>((resolve) => (fail = resolve));
  client.subscribe<{ commitmentEvents: ReceivedEvent }>(
    {
      query: `subscription Live($filter: CommitmentFilter, $after: String) { commitmentEvents(filter: $filter, after: $after) { ${fields} } }`,
      variables,
    },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(result.data.commitmentEvents);
        if (result.errors) fail({ errors: [...result.errors] });
        for (const wake of waiters) wake();
      },
      error: (err) => {
        errors.push(err);
        const e = err as { code?: number; reason?: string };
        fail(Array.isArray(err) ? { errors: err } : { code: e.code, reason: e.reason });
      },
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    failure,
    connected,
    waitForCount: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (events.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(events);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} events within ${timeoutMs} ms, got ${events.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** Writes events as a write through the API does: in a transaction, through appendEvents. */
export async function writeEvents(db: DataSource, events: (Partial<NewEvent> & { commitmentId: string })[]): Promise<string[]> {
  return db.transaction((manager) =>
    appendEvents(
      manager,
      events.map((e) => ({ kind: 'UPDATED', actor: 'test', occurredAt: new Date(), ...e })),
    ),
  );
}

/**
 * A subscription without a cursor starts at some moment after subscribe() returns: write probe
 * events until one arrives, so that every later write is certain to be seen. Returns how many
 * events had arrived by then (the probes and anything before them).
 */
export async function untilLive(subscriber: Subscriber, writeProbe: () => Promise<unknown>): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    await writeProbe();
    try {
      await subscriber.waitForCount(1, 100);
      await pause(100); // let probes still in flight arrive before counting
      return subscriber.events.length;
    } catch {
      // not subscribed yet: probe again
    }
  }
  throw new Error('the subscription never went live');
}

/** Resolves after `ms` milliseconds: for asserting that nothing more arrives. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
