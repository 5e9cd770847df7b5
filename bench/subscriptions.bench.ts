import 'reflect-metadata';
import { Client, createClient } from 'graphql-ws';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { createDataSource } from '../src/db/data-source';
import { freePort } from '../src/db/embedded-postgres';
import { encodeEventCursor } from '../src/events/event-cursor';
import { appendEvents } from '../src/events/event-log';
import { TRACKER_ARGS } from './peers/peers';
import { intFlag, parseFlags, stringFlag } from './support/args';
import { openBenchCluster, withMaintenanceClient } from './support/bench-database';
import { ServerProcess, startServerProcess } from './support/server-process';

/**
 * `npm run bench:subscriptions [-- options]`: N graphql-ws subscribers spread over one or two
 * server processes on one database; one write at a time; how long until the last subscriber has
 * the event, and how much server memory each subscriber costs. Not part of `npm test`.
 *
 *   --subscribers 100,1000,5000   --servers 1,2   --writes 20 (timed writes per size)
 *   --fields light|commitment     what each subscriber asks for (commitment: also commitment { title },
 *                                 resolved from the database)
 *
 * The database is `tracker_bench_subscriptions` on the bench cluster (see bench/README.md),
 * dropped and recreated at each run; the first server migrates and seeds it.
 */
const FLAGS = ['subscribers', 'servers', 'writes', 'fields'] as const;
const DATABASE = 'tracker_bench_subscriptions';
const FIELDS = {
  light: 'cursor kind occurredAt previousStatus status',
  commitment: 'cursor kind occurredAt previousStatus status commitment { id title }',
};

interface Row {
  servers: number;
  subscribers: number;
  writes: number;
  deliveryP50: number;
  deliveryP99: number;
  lastP50: number;
  lastP99: number;
  lastMax: number;
  kibPerSubscriber: number;
}

/** Every subscriber, with when each event reached it (keyed by cursor). */
class Audience {
  private readonly clients: Client[] = [];
  private readonly waiting = new Map<string, { start: number; latencies: number[]; done: () => void }>();

  constructor(private readonly size: number) {}

  readonly failures: string[] = [];

  /** Opens the subscriptions in batches, each connected before the next, as real users trickle in. */
  async open(urls: string[], fields: string, after: string, batch = 250): Promise<void> {
    for (let start = 0; start < this.size; start += batch) {
      const connected: Promise<void>[] = [];
      for (let i = start; i < Math.min(start + batch, this.size); i++) {
        let ack!: () => void;
        connected.push(new Promise((resolve) => (ack = resolve)));
        const client = createClient({ url: urls[i % urls.length], webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, on: { connected: () => ack() } });
        this.clients.push(client);
        client.subscribe<{ commitmentEvents: { cursor: string } }>(
          { query: `subscription($after: String) { commitmentEvents(after: $after) { ${fields} } }`, variables: { after } },
          {
            next: ({ data, errors }) => {
              if (errors) this.failures.push(errors.map((e) => e.message).join('; '));
              const w = data && this.waiting.get(data.commitmentEvents.cursor);
              if (!w) return;
              w.latencies.push(performance.now() - w.start);
              if (w.latencies.length === this.size) w.done();
            },
            error: (err) => this.failures.push(describeFailure(err)),
            complete: () => undefined,
          },
        );
      }
      await Promise.race([Promise.all(connected), new Promise((r) => setTimeout(r, 60_000).unref())]);
      if (this.failures.length) throw new Error(`${this.failures.length} subscribers failed, e.g. ${this.failures[0]}`);
    }
  }

  /** Writes one event; resolves with each subscriber's delay from the commit to its arrival, in ms. */
  async deliver(db: DataSource, commitmentId: string, timeoutMs = 60_000): Promise<number[]> {
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const { ids: [id] } = await appendEvents(runner.manager, [{ commitmentId, kind: 'UPDATED', actor: 'bench', occurredAt: new Date() }]);
      let done!: () => void;
      const all = new Promise<void>((resolve) => (done = resolve));
      const w = { start: 0, latencies: [] as number[], done };
      this.waiting.set(encodeEventCursor(id), w);
      w.start = performance.now();
      await runner.commitTransaction();
      const timer = setTimeout(() => done(), timeoutMs);
      await all;
      clearTimeout(timer);
      this.waiting.delete(encodeEventCursor(id));
      if (w.latencies.length < this.size) throw new Error(`only ${w.latencies.length} of ${this.size} subscribers got event ${id} within ${timeoutMs} ms`);
      return w.latencies;
    } finally {
      await runner.release();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.dispose()));
  }
}

function describeFailure(err: unknown): string {
  if (Array.isArray(err)) return err.map((e: { message?: string }) => e.message).join('; ');
  const close = err as { code?: number; reason?: string; message?: string };
  return close.code ? `closed ${close.code} ${close.reason ?? ''}` : String(close.message ?? err);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sortedCopy = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startServers(count: number, databaseUrl: string): Promise<ServerProcess[]> {
  const servers: ServerProcess[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    servers.push(
      await startServerProcess(
        {
          name: `tracker-${i + 1}`,
          args: TRACKER_ARGS,
          env: { DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
          port,
          ready: async (base) => (await fetch(`${base}/readyz`)).ok,
        },
        `subscriptions-tracker-${count}-${i + 1}`,
      ),
    );
  }
  return servers;
}

async function measure(servers: ServerProcess[], db: DataSource, size: number, writes: number, fields: string): Promise<Row> {
  const [{ id: commitmentId }] = await db.query(`SELECT min(id)::text AS id FROM commitment`);
  const [{ id: latest }] = await db.query(`SELECT COALESCE(max(id), 0)::text AS id FROM commitment_event`);
  const rss = () => servers.reduce((sum, s) => sum + (s.rssMiB() ?? 0), 0);
  const before = rss();
  const audience = new Audience(size);
  await audience.open(servers.map((s) => `${s.baseUrl.replace(/^http/, 'ws')}/graphql`), fields, encodeEventCursor(latest));
  // Subscribing with a cursor makes the first event certain to reach everyone, however late
  // each subscription started: once it has, all are live.
  await audience.deliver(db, commitmentId, 120_000);
  await pause(500);
  const after = rss();
  const deliveries: number[] = [];
  const lasts: number[] = [];
  for (let i = 0; i < writes; i++) {
    const latencies = await audience.deliver(db, commitmentId);
    deliveries.push(...latencies);
    lasts.push(Math.max(...latencies));
    await pause(100);
  }
  await audience.close();
  await pause(1_000);
  const d = sortedCopy(deliveries);
  const l = sortedCopy(lasts);
  return {
    servers: servers.length,
    subscribers: size,
    writes,
    deliveryP50: percentile(d, 50),
    deliveryP99: percentile(d, 99),
    lastP50: percentile(l, 50),
    lastP99: percentile(l, 99),
    lastMax: l[l.length - 1],
    kibPerSubscriber: ((after - before) * 1024) / size,
  };
}

function table(rows: Row[], fields: string): string {
  const ms = (x: number) => x.toFixed(1);
  const lines = [
    `Subscribers receiving one write (fields: ${fields}). Delivery = commit → a subscriber has the event; last = commit → the last subscriber has it.`,
    '',
    '| servers | subscribers | writes | delivery p50 ms | delivery p99 ms | last p50 ms | last p99 ms | last max ms | server RSS per subscriber |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.servers} | ${r.subscribers.toLocaleString('en')} | ${r.writes} | ${ms(r.deliveryP50)} | ${ms(r.deliveryP99)} | ${ms(r.lastP50)} | ${ms(r.lastP99)} | ${ms(r.lastMax)} | ${r.kibPerSubscriber.toFixed(1)} KiB |`,
    ),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const sizes = (stringFlag(flags, 'subscribers') ?? '100,1000,5000').split(',').map(Number);
  const serverCounts = (stringFlag(flags, 'servers') ?? '1,2').split(',').map(Number);
  const writes = intFlag(flags, 'writes', 20);
  const fieldsName = (stringFlag(flags, 'fields') ?? 'light') as keyof typeof FIELDS;
  if (!FIELDS[fieldsName]) throw new Error(`--fields must be one of ${Object.keys(FIELDS).join(', ')}`);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || serverCounts.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('--subscribers and --servers take comma-separated positive integers');
  }

  const cluster = await openBenchCluster();
  const rows: Row[] = [];
  try {
    for (const count of serverCounts) {
      await withMaintenanceClient(cluster, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${DATABASE}`);
      });
      const url = cluster.databaseUrl(DATABASE);
      const servers = await startServers(count, url);
      const db = await createDataSource({ url, poolSize: 2 }).initialize();
      try {
        for (const size of sizes) {
          const row = await measure(servers, db, size, writes, FIELDS[fieldsName]);
          console.log(`${count} server(s), ${size} subscribers: last subscriber p50 ${row.lastP50.toFixed(1)} ms, p99 ${row.lastP99.toFixed(1)} ms`);
          rows.push(row);
        }
      } finally {
        await db.destroy();
        for (const s of servers) await s.stop();
      }
    }
  } finally {
    await cluster.stop();
  }
  console.log(`\n${table(rows, FIELDS[fieldsName])}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
