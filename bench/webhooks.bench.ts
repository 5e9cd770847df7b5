import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDataSource } from '../src/db/data-source';
import { freePort } from '../src/db/embedded-postgres';
import { appendEvents } from '../src/events/event-log';
import { TRACKER_ARGS } from './peers/peers';
import { intFlag, parseFlags } from './support/args';
import { openBenchCluster, withMaintenanceClient } from './support/bench-database';
import { startServerProcess } from './support/server-process';

/**
 * `npm run bench:webhooks [-- --webhooks 1000 --events 100]`: that many webhooks, each matching
 * every event, on one tracker process; that many events written one transaction each, as fast as
 * they commit; how long until the receiver (a local process answering 204) has every delivery, and
 * the API's p99 for a cached read while that happens, against the same read when idle. Not part of
 * `npm test`. The target (issue 14): 1,000 × 100 within 60 s, cached-read p99 at most twice idle.
 *
 * The database is `tracker_bench_webhooks` on the bench cluster (see bench/README.md), dropped and
 * recreated at each run; the server migrates and seeds it.
 */
const DATABASE = 'tracker_bench_webhooks';
const ADMIN_KEY = `bench-admin-${randomBytes(16).toString('hex')}`;
const CACHED_READ = JSON.stringify({ query: '{ commitments(first: 20) { totalCount nodes { id title status nextDueDate } } }' });

interface Stats { distinct: number; repeats: number; outOfOrder: number; firstAt: number; lastAt: number }

function startReceiver(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(__dirname, 'support', 'webhook-receiver.child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code})`)));
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Closed-loop cached reads on `connections` connections until `until()` says stop; latencies in ms. */
async function probe(graphqlUrl: string, connections: number, until: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (!until()) {
        const start = performance.now();
        const res = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: CACHED_READ });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`cached read answered ${res.status}`);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

async function gql(url: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['webhooks', 'events', 'probe-connections']);
  const webhookCount = intFlag(flags, 'webhooks', 1000);
  const eventCount = intFlag(flags, 'events', 100);
  const probeConnections = intFlag(flags, 'probe-connections', 2);
  const cluster = await openBenchCluster();
  await withMaintenanceClient(cluster, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DATABASE}`);
  });
  const url = cluster.databaseUrl(DATABASE);
  const receiver = await startReceiver();
  const port = await freePort();
  const server = await startServerProcess(
    {
      name: 'tracker',
      args: TRACKER_ARGS,
      env: {
        DATABASE_URL: url, PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0',
        ADMIN_API_KEY: ADMIN_KEY, WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'), WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      },
      port,
      ready: async (base) => (await fetch(`${base}/readyz`)).ok,
    },
    'webhooks-tracker',
  );
  const graphqlUrl = `${server.baseUrl}/graphql`;
  const db = await createDataSource({ url, poolSize: 2 }).initialize();
  try {
    for (let i = 0; i < webhookCount; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, webhookCount - i) }, (_, j) =>
          gql(graphqlUrl, `mutation ($url: String!) { createWebhook(input: { url: $url }) { webhook { id } } }`, { url: `http://127.0.0.1:${receiver.port}/hook?w=${i + j}` }),
        ),
      );
    }
    console.log(`${webhookCount} webhooks created; machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    // Idle: the same cached read, nothing else going on.
    await probe(graphqlUrl, probeConnections, ((end) => () => performance.now() > end)(performance.now() + 2_000)); // warm-up
    const idle = await probe(graphqlUrl, probeConnections, ((end) => () => performance.now() > end)(performance.now() + 10_000));

    const expected = webhookCount * eventCount;
    receiver.child.send({ expect: expected });
    let done = false;
    const finished = new Promise<Stats>((resolve) => receiver.child.on('message', (m: { done?: boolean; stats: Stats }) => m.done && resolve(m.stats)));
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 180_000).unref());
    const [{ id: commitmentId }] = await db.query(`SELECT min(id)::text AS id FROM commitment`);
    const busyProbe = probe(graphqlUrl, probeConnections, () => done);
    const cpuBefore = { tracker: cpuSeconds(server.pid), receiver: cpuSeconds(receiver.child.pid!) };
    const started = Date.now();
    for (let i = 0; i < eventCount; i++) {
      const runner = db.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await appendEvents(runner.manager, [{ commitmentId, kind: 'UPDATED', actor: 'bench', occurredAt: new Date() }]);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
    }
    const writtenMs = Date.now() - started;
    const stats = await Promise.race([finished, timeout]);
    const cpu = { tracker: cpuSeconds(server.pid) - cpuBefore.tracker, receiver: cpuSeconds(receiver.child.pid!) - cpuBefore.receiver };
    done = true;
    const busy = await busyProbe;
    const final: Stats = stats ?? (await new Promise((resolve) => {
      receiver.child.on('message', (m: { stats: Stats }) => resolve(m.stats));
      receiver.child.send({ report: true });
    }));
    const deliveredMs = final.lastAt - started;
    const ms = (x: number) => x.toFixed(1);
    console.log(`\nWebhook fan-out: ${webhookCount} webhooks × ${eventCount} events = ${expected.toLocaleString('en')} deliveries, one tracker process, receiver in its own process.`);
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
    console.log('| deliveries | distinct received | repeats | out of order | events written in | all delivered in | deliveries/s | cached read p50 idle / busy ms | p99 idle / busy ms | p99 ratio |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${expected.toLocaleString('en')} | ${final.distinct.toLocaleString('en')} | ${final.repeats} | ${final.outOfOrder} | ${(writtenMs / 1000).toFixed(1)} s | ${stats ? `${(deliveredMs / 1000).toFixed(1)} s` : 'not within 180 s'} | ` +
        `${Math.round(final.distinct / (deliveredMs / 1000)).toLocaleString('en')} | ${ms(percentile(idle, 50))} / ${ms(percentile(busy, 50))} | ${ms(percentile(idle, 99))} / ${ms(percentile(busy, 99))} | ${(percentile(busy, 99) / percentile(idle, 99)).toFixed(2)} |`,
    );
    console.log(`(${idle.length} idle and ${busy.length} busy cached reads on ${probeConnections} connections)`);
    console.log(
      `CPU while delivering: tracker ${cpu.tracker.toFixed(1)} s (${((cpu.tracker * 1e6) / final.distinct).toFixed(0)} µs per delivery, API reads included), ` +
        `receiver ${cpu.receiver.toFixed(1)} s`,
    );
  } finally {
    await db.destroy();
    await server.stop();
    receiver.child.kill('SIGTERM');
    await cluster.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
