import 'reflect-metadata';
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import { createDataSource } from '../src/db/data-source';
import { freePort } from '../src/db/embedded-postgres';
import { appendEvents } from '../src/events/event-log';
import { DEFAULT_TODAY, generateBenchData } from './data/generate';
import { BENCH_ADMIN_KEY, TRACKER_ARGS } from './peers/peers';
import { intFlag, parseFlags } from './support/args';
import { nginxUnavailable, startNginx } from './support/nginx-proxy';
import { replicatedPostgresUnavailable, startReplicatedPostgres } from './support/replicated-postgres';
import { cpuSecondsOfTree } from './support/cpu';
import { RESULTS_DIR, ServerProcess, startServerProcess } from './support/server-process';

/**
 * `npm run bench:scale [-- --commitments 10000 --duration 10 --connections 10]` (issue 15 item 7).
 * Not part of `npm test`. On a Postgres 17 primary with a physical streaming replica (fsync on),
 * generated data, tracker server processes and nginx with the shipped deploy/nginx files:
 *
 * 1. One cached read (the overdue list, first 50) over GET: the bare server (its in-process
 *    response cache answers; one data-version read per request) against nginx's cache in front.
 * 2. Uncached reads (RESPONSE_CACHE_MB=0) on a server with DATABASE_READ_URLS: each side's share,
 *    read-only, with writes, and with writes whose readers send X-Min-Data-Version (read-your-writes).
 * 3. The event log's commit rate (appendEvents: advisory lock, INSERT, NOTIFY, commit) at 1, 4
 *    and 16 concurrent writers, beside the same INSERT without lock and NOTIFY: where the
 *    serialised section stops scaling (an input of the paper estimate in docs/scaling-out.md).
 *
 * Figures are from whatever machine runs it; on a shared 2-core machine they move by tens of
 * percent between runs, and load generator, servers, nginx and both Postgres share the cores.
 */
const FLAGS = ['commitments', 'duration', 'connections'] as const;
const DATABASE = 'tracker_bench_scale';
const OVERDUE = `query Overdue($asOf: Date!) { commitments(asOf: $asOf, first: 50, filter: { status: [OVERDUE] }) {
  totalCount nodes { id title status followUps(first: 10) { nodes { dueDate status } } } } }`;
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

function getPath(query: string, variables: object): string {
  return `/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`;
}

async function load(url: string, o: { connections: number; duration: number; headers?: () => Record<string, string>; path: string }): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: o.connections,
    duration: o.duration,
    requests: [
      {
        method: 'GET',
        path: o.path,
        headers: PREFLIGHT,
        setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...PREFLIGHT, ...(o.headers?.() ?? {}) } }),
      },
    ],
    verifyBody: (body: string) => !body.includes('"errors":['),
  } as autocannon.Options);
  return {
    requestsPerSecond: result.requests.total / (result.duration || o.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts + ((result as { mismatches?: number }).mismatches ?? 0),
  };
}

async function metric(server: ServerProcess, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && l.includes(labels))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

async function startTracker(name: string, primaryUrl: string, replicaUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess(
    {
      name,
      args: TRACKER_ARGS,
      env: {
        DATABASE_URL: primaryUrl,
        DATABASE_READ_URLS: replicaUrl,
        PORT: String(port),
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        CLOCK_START: `${DEFAULT_TODAY}T12:00:00Z`,
        ADMIN_API_KEY: BENCH_ADMIN_KEY,
        RATE_LIMIT_PER_MINUTE: '0',
        ...env,
      },
      port,
      ready: async (base) => (await fetch(`${base}/readyz`)).ok,
    },
    `scale-${name}`,
  );
}

async function versionOf(url: string): Promise<number> {
  const db = await createDataSource({ url, poolSize: 1 }).initialize();
  try {
    return Number((await db.query(`SELECT version FROM data_version`))[0].version);
  } finally {
    await db.destroy();
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const commitments = intFlag(flags, 'commitments', 10_000);
  const duration = intFlag(flags, 'duration', 10);
  const connections = intFlag(flags, 'connections', 10);
  const missing = nginxUnavailable() ?? replicatedPostgresUnavailable();
  if (missing) throw new Error(`bench:scale needs nginx and the Postgres binaries: ${missing}`);

  const pg = await startReplicatedPostgres(DATABASE, { durable: true });
  const servers: ServerProcess[] = [];
  let stopNginx: (() => Promise<void>) | undefined;
  const lines: string[] = [];
  const say = (line = '') => {
    lines.push(line);
    console.log(line);
  };
  try {
    const onPrimary = (name: string) => Object.assign(new URL(pg.primaryUrl), { pathname: `/${name}` }).toString();
    const [primaryUrl, replicaUrl] = [pg.primaryUrl, pg.replicaUrl];
    await generateBenchData({ databaseUrl: onPrimary, defaultName: DATABASE, stop: async () => undefined }, DATABASE, {
      commitments,
      progress: (l) => console.log(`data: ${l}`),
    });
    const wanted = await versionOf(primaryUrl);
    for (let i = 0; (await versionOf(replicaUrl).catch(() => -1)) < wanted; i++) {
      if (i > 600) throw new Error('the replica did not catch up with the generated data within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }

    const cached = await startTracker('cached', primaryUrl, replicaUrl);
    servers.push(cached);
    const nginx = await startNginx([Number(new URL(cached.baseUrl).port)]);
    stopNginx = nginx.stop;
    const overdue = getPath(OVERDUE, { asOf: DEFAULT_TODAY });
    for (const base of [cached.baseUrl, nginx.origin]) await fetch(base + overdue, { headers: PREFLIGHT }).then((r) => r.text());

    say(`# Scale-out benchmark, ${new Date().toISOString()}`);
    say();
    say(`${commitments.toLocaleString('en')} generated commitments; Postgres 17 primary + streaming replica (fsync on), ` +
      `${connections} connections, ${duration} s per row, on a shared, noisy machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} ` +
      'at the start (1/5/15 min); load generator, servers, nginx and both Postgres share the cores.');
    say();
    say('## 1. One cached read (overdue list, first 50) over GET');
    say();
    const cpu = (pid: number | undefined) => (pid === undefined ? NaN : (cpuSecondsOfTree(pid) ?? NaN));
    const perRequest = (seconds: number, requests: number) => (Number.isFinite(seconds) ? fmt((1000 * seconds) / Math.max(requests, 1), 2) : 'n/a');
    say('| path | req/s | p50 ms | p99 ms | failures | requests that reached the server | of those, response-cache hits | server CPU ms per request |');
    say('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [label, base] of [['bare server (in-process response cache)', cached.baseUrl], ['nginx cache in front', nginx.origin]] as const) {
      const before = await metric(cached, 'tracker_http_requests_total', 'route="/graphql"');
      const hitsBefore = await metric(cached, 'tracker_response_cache_total', 'result="hit"');
      const cpuBefore = cpu(cached.pid);
      const r = await load(base, { connections, duration, path: overdue });
      const serverCpu = cpu(cached.pid) - cpuBefore;
      const reached = (await metric(cached, 'tracker_http_requests_total', 'route="/graphql"')) - before;
      const hits = (await metric(cached, 'tracker_response_cache_total', 'result="hit"')) - hitsBefore;
      say(`| ${label} | ${fmt(r.requestsPerSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.failures} | ${fmt(reached)} | ${fmt(hits)} | ${perRequest(serverCpu, r.requests)} |`);
    }
    say();

    const uncached = await startTracker('uncached', primaryUrl, replicaUrl, { RESPONSE_CACHE_MB: '0' });
    servers.push(uncached);
    let latestWrite = 0;
    let writes = 0;
    const writeOnce = async () => {
      const res = await fetch(`${uncached.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_KEY}` },
        body: JSON.stringify({ query: 'mutation ($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }', variables: { input: { title: `bench ${writes}` } } }),
      });
      await res.text();
      if (res.ok) {
        writes++;
        latestWrite = Math.max(latestWrite, Number(res.headers.get('x-data-version')));
      }
    };
    say('## 2. Uncached reads (RESPONSE_CACHE_MB=0) on one server with one replica');
    say();
    say('| load | req/s | p50 ms | p99 ms | failures | read the replica | read the primary | replica statements failed over | CPU ms per request: server / replica / primary |');
    say('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    const cases: [string, number, boolean][] = [
      ['reads only', 0, false],
      ['reads + 2 writes/s', 2, false],
      ['reads + 2 writes/s, readers send the last write\'s X-Min-Data-Version', 2, true],
    ];
    for (const [label, writesPerSecond, readYourWrites] of cases) {
      const [r0, p0] = [await metric(uncached, 'tracker_db_reads_total', 'target="replica"'), await metric(uncached, 'tracker_db_reads_total', 'target="primary"')];
      const f0 = await metric(uncached, 'tracker_replica_failovers_total', 'replica=');
      const cpu0 = [cpu(uncached.pid), cpu(pg.pids().replica), cpu(pg.pids().primary)];
      const writer = writesPerSecond ? setInterval(() => void writeOnce(), 1000 / writesPerSecond) : undefined;
      const r = await load(uncached.baseUrl, {
        connections,
        duration,
        path: overdue,
        headers: readYourWrites ? () => ({ 'x-min-data-version': String(latestWrite) }) : undefined,
      });
      clearInterval(writer);
      const replica = (await metric(uncached, 'tracker_db_reads_total', 'target="replica"')) - r0;
      const primary = (await metric(uncached, 'tracker_db_reads_total', 'target="primary"')) - p0;
      const share = (n: number) => `${fmt(n)} (${fmt((100 * n) / Math.max(replica + primary, 1))} %)`;
      const failedOver = (await metric(uncached, 'tracker_replica_failovers_total', 'replica=')) - f0;
      const cpuUsed = [cpu(uncached.pid), cpu(pg.pids().replica), cpu(pg.pids().primary)].map((c, i) => perRequest(c - cpu0[i], r.requests)).join(' / ');
      say(`| ${label} | ${fmt(r.requestsPerSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.failures} | ${share(replica)} | ${share(primary)} | ${fmt(failedOver)} | ${cpuUsed} |`);
    }
    say();

    say('## 3. Event log commit rate (fsync on)');
    say();
    say('appendEvents is what every write does (advisory lock, INSERT, NOTIFY, commit); the plain INSERT is the same row without');
    say('the lock and the NOTIFY, for comparison only (its ids would not follow commit order).');
    say();
    say('| transaction | concurrent writers | commits/s | mean ms per commit |');
    say('|---|---:|---:|---:|');
    const db = await createDataSource({ url: primaryUrl, poolSize: 16 }).initialize();
    try {
      const [{ id: commitmentId }] = await db.query(`SELECT id::text FROM commitment ORDER BY id LIMIT 1`);
      const plainInsert = (m: EntityManager) =>
        m.query(`INSERT INTO commitment_event (commitment_id, kind, actor, occurred_at) VALUES ($1, 'UPDATED', 'bench', now())`, [commitmentId]);
      const appendOne = (m: EntityManager) => appendEvents(m, [{ commitmentId, kind: 'UPDATED', actor: 'bench', occurredAt: new Date() }]);
      const runs: [string, number, (m: EntityManager) => Promise<unknown>][] = [
        ['appendEvents', 1, appendOne], ['appendEvents', 4, appendOne], ['appendEvents', 16, appendOne],
        ['plain INSERT', 1, plainInsert], ['plain INSERT', 16, plainInsert],
      ];
      for (const [label, writers, work] of runs) {
        let commits = 0;
        const until = Date.now() + Math.min(duration, 5) * 1000;
        const started = Date.now();
        await Promise.all(
          Array.from({ length: writers }, async () => {
            while (Date.now() < until) {
              await db.transaction(work);
              commits++;
            }
          }),
        );
        const seconds = (Date.now() - started) / 1000;
        say(`| ${label} | ${writers} | ${fmt(commits / seconds)} | ${fmt((seconds * 1000 * writers) / commits, 2)} |`);
      }
    } finally {
      await db.destroy();
    }
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, 'scale-out.md'), `${lines.join('\n')}\n`);
    console.log(`\n(saved to ${path.join(RESULTS_DIR, 'scale-out.md')})`);
  } finally {
    await stopNginx?.();
    await Promise.all(servers.map((s) => s.stop()));
    await pg.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
