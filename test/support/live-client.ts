import { Client, createClient } from 'graphql-ws';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
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
  const appended = await db.transaction((manager) =>
    appendEvents(
      manager,
      events.map((e) => ({ kind: 'UPDATED', actor: 'test', occurredAt: new Date(), ...e })),
    ),
  );
  return appended.ids;
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

/**
 * A subscriber that stops reading its socket, like a browser tab frozen in the background. It
 * speaks WebSocket by hand over a bare TCP socket: a WebSocket library would resume reading on
 * its own, while a paused bare socket truly stops, so the server's writes back up.
 */
export async function stalledSubscriber(httpUrl: string, query: string, writeProbe: () => Promise<unknown>) {
  const { hostname, port, pathname } = new URL(httpUrl);
  const socket = connect(Number(port), hostname);
  const frames = new FrameReader();
  socket.on('data', (chunk: Buffer) => frames.add(chunk));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
  );
  await frames.until(() => frames.handshakeDone);
  socket.write(clientTextFrame(JSON.stringify({ type: 'connection_init' })));
  await frames.until(() => frames.texts.some((t) => t.includes('connection_ack')));
  socket.write(clientTextFrame(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } })));
  for (let i = 0; !frames.texts.some((t) => t.includes('"next"')) && i < 50; i++) {
    await writeProbe();
    await pause(100);
  }
  socket.pause(); // from here the kernel buffers fill and the server's writes to it stall
  return {
    /** Reads again, to the end; resolves with the close frame the server sent and the events received. */
    resumeReading: async () => {
      socket.resume();
      await frames.until(() => frames.close !== undefined, 30_000);
      socket.destroy();
      return { ...frames.close!, received: frames.texts.filter((t) => t.includes('"next"')).length };
    },
  };
}

/** A masked text frame, as clients must send (mask 0: the payload goes as is). */
function clientTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}

/** Splits the server's byte stream into the HTTP handshake and unmasked WebSocket frames. */
class FrameReader {
  handshakeDone = false;
  texts: string[] = [];
  close?: { code: number; reason: string };
  private buffer = Buffer.alloc(0);
  private wake?: () => void;

  add(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.handshakeDone) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.handshakeDone = true;
      this.buffer = this.buffer.subarray(end + 4);
    }
    for (;;) {
      if (this.buffer.length < 2) break;
      const opcode = this.buffer[0] & 0x0f;
      let length = this.buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) break;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) break;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) break;
      const payload = this.buffer.subarray(offset, offset + length);
      if (opcode === 0x1) this.texts.push(payload.toString('utf8'));
      if (opcode === 0x8) this.close = { code: payload.readUInt16BE(0), reason: payload.subarray(2).toString('utf8') };
      this.buffer = this.buffer.subarray(offset + length);
    }
    this.wake?.();
  }

  async until(done: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('the server did not send what was expected in time');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  }
}
