import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../src/db/embedded-postgres';
import { generateBenchData } from './data/generate';
import { HttpRequest, Peer, PEER_BY_NAME, PEERS, PeerName } from './peers/peers';
import { installPostgraphileFunctions } from './peers/postgraphile/functions';
import { Flags, intFlag, parseFlags, stringFlag } from './support/args';
import { BenchCluster, openBenchCluster, readBenchMeta } from './support/bench-database';
import { runLoad, send } from './support/load';
import { growthTable, Measurement, resultsTable, SizedMeasurements, targetsReport, WORKLOAD_TITLES, WorkloadKey } from './support/report';
import { RESULTS_DIR, ServerProcess, startServerProcess } from './support/server-process';
import { startCountingProxy } from './support/statement-counting-proxy';

/**
 * `npm run bench [-- options]`: the tracker (with and without its response cache), PostGraphile and
 * the hand-written floor on the same database, the same questions, the same load; a table of
 * throughput, latency, statements per request and memory. See bench/README.md.
 *
 *   --duration 10       seconds per timed run         --connections 10   autocannon connections
 *   --rounds 2          runs per server, alternating  --warmup 2         untimed seconds per server first
 *   --workloads a,b,c,d     --peers tracker,tracker-uncached,postgraphile,floor
 *   --database NAME     bench database (default: tracker_bench, or BENCH_DATABASE_URL's)
 *   --sizes 1000,10000,100000   growth: one database per size, generated when missing
 *   --as-of DATE  --party PK  --depth 5000  --count-samples 10  --soak SECONDS  --pool-size 10
 *   --pg-options "-c jit=off"   PGOPTIONS for every server's connections (all servers alike)
 */
const FLAGS = ['duration', 'connections', 'rounds', 'warmup', 'workloads', 'peers', 'database', 'sizes', 'as-of', 'party',
  'depth', 'count-samples', 'soak', 'pool-size', 'pg-options'] as const;

interface Settings {
  duration: number;
  connections: number;
  rounds: number;
  warmup: number;
  workloads: WorkloadKey[];
  peers: Peer[];
  party: string;
  maxDepth: number;
  countSamples: number;
  soak: number;
  poolSize: number;
  pgOptions?: string;
  asOf?: string;
}

function settingsFrom(flags: Flags): Settings {
  const list = (name: string, allowed: readonly string[], fallback: readonly string[]) => {
    const v = (stringFlag(flags, name) ?? fallback.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
    for (const x of v) if (!allowed.includes(x)) throw new Error(`--${name}: unknown "${x}"; choose from ${allowed.join(', ')}`);
    return v;
  };
  const asOf = stringFlag(flags, 'as-of');
  if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error('--as-of must be YYYY-MM-DD');
  return {
    duration: intFlag(flags, 'duration', 10),
    connections: intFlag(flags, 'connections', 10),
    rounds: intFlag(flags, 'rounds', 2),
    warmup: intFlag(flags, 'warmup', 2, 0),
    workloads: list('workloads', Object.keys(WORKLOAD_TITLES), Object.keys(WORKLOAD_TITLES)) as WorkloadKey[],
    peers: list('peers', PEERS, PEERS).map((p) => PEER_BY_NAME[p as PeerName]),
    party: stringFlag(flags, 'party') ?? 'PK',
    maxDepth: intFlag(flags, 'depth', 5000),
    countSamples: intFlag(flags, 'count-samples', 10),
    soak: intFlag(flags, 'soak', 0, 0),
    poolSize: intFlag(flags, 'pool-size', 10),
    pgOptions: stringFlag(flags, 'pg-options'),
    asOf,
  };
}

/** What the data offers the workloads: the deep page's depth, and open follow-ups to write reports on. */
interface DataFacts {
  asOf: string;
  overdue: number;
  deepDepth: number;
  openFollowUps: string[];
}

async function dataFacts(url: string, asOf: string, maxDepth: number): Promise<DataFacts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: [{ overdue }] } = await client.query(
      `SELECT count(DISTINCT commitment_id)::int AS overdue FROM follow_up
        WHERE due_date < $1::date AND (first_closed_on IS NULL OR first_closed_on > $1::date)`,
      [asOf],
    );
    const { rows } = await client.query(
      `SELECT id::text FROM follow_up WHERE first_closed_on IS NULL ORDER BY hashint8(id) LIMIT 2000`,
    );
    // Whole pages of 100 (the largest page every server allows), leaving a full page of 50 after.
    const deepDepth = Math.max(0, Math.min(maxDepth, Math.floor((overdue - 50) / 100) * 100));
    return { asOf, overdue, deepDepth, openFollowUps: rows.map((r) => r.id) };
  } finally {
    await client.end();
  }
}

/**
 * Waits until no statement runs on the bench database: a request autocannon gave up on keeps its
 * statement running in Postgres, and would otherwise slow the next server's run.
 */
async function settle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 600; i++) {
      const { rows: [{ n }] } = await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      if (n === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}

async function startPeer(peer: Peer, databaseUrl: string, s: Settings, today: string, label: string): Promise<ServerProcess> {
  const command = peer.command({ databaseUrl, port: await freePort(), today, poolSize: s.poolSize });
  // node-postgres, under all three servers, sends PGOPTIONS as the connection's startup options.
  if (s.pgOptions) command.env.PGOPTIONS = s.pgOptions;
  return startServerProcess(command, `${peer.name}-${label}`);
}

/** The cursor after `depth` overdue rows, found by paging through this server's own cursors. */
async function deepCursor(peer: Peer, baseUrl: string, asOf: string, depth: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let seen = 0; seen < depth; seen += 100) {
    cursor = peer.readOverdue(await send(baseUrl, peer.overdue(asOf, 100, cursor, true))).endCursor;
  }
  return cursor;
}

interface PeerAnswers {
  overdue: string[];
  deep: string[];
  followThrough: unknown;
  cursor: string | null;
  statements: Record<WorkloadKey, number> & { write: number | null };
}

/**
 * Starts the server behind the counting proxy, finds its deep-page cursor, records its answers
 * (for the cross-check) and how many statements each kind of request costs it.
 */
async function countingPass(peer: Peer, url: string, s: Settings, facts: DataFacts, today: string): Promise<PeerAnswers> {
  const proxy = await startCountingProxy(url);
  const server = await startPeer(peer, proxy.url, s, today, 'counting');
  try {
    const cursor = await deepCursor(peer, server.baseUrl, facts.asOf, facts.deepDepth);
    const reqs = requestsFor(peer, facts, s.party, cursor);
    const perRequest = async (make: () => HttpRequest, check: (body: unknown) => void) => {
      for (let i = 0; i < 2; i++) check(await send(server.baseUrl, make()));
      const before = proxy.statements();
      for (let i = 0; i < s.countSamples; i++) check(await send(server.baseUrl, make()));
      return (proxy.statements() - before) / s.countSamples;
    };
    const a = await perRequest(() => reqs.a, (b) => peer.readOverdue(b));
    const b = await perRequest(() => reqs.b, (x) => peer.readFollowThrough(x));
    const c = await perRequest(() => reqs.c, (x) => peer.readOverdue(x));
    let w = 0;
    // A server without the write (yet) still runs the mixed load, read-only, and the table says so.
    const write = await perRequest(() => reqs.write(w++), (x) => {
      if (!peer.reportAccepted(x)) throw new Error(`refused: ${JSON.stringify(x).slice(0, 300)}`);
    }).catch((err: Error) => {
      console.log(`  WARNING: ${peer.name} cannot take the benchmark's write (${err.message.slice(0, 200)}); (d) runs read-only for it`);
      return null;
    });
    return {
      overdue: peer.readOverdue(await send(server.baseUrl, reqs.a)).ids,
      deep: peer.readOverdue(await send(server.baseUrl, reqs.c)).ids,
      followThrough: peer.readFollowThrough(await send(server.baseUrl, reqs.b)),
      cursor,
      statements: { a, b, c, d: (a + b + c) / 3, write },
    };
  } finally {
    await server.stop();
    await proxy.close();
  }
}

function requestsFor(peer: Peer, facts: DataFacts, party: string, cursor: string | null) {
  return {
    a: peer.overdue(facts.asOf, 50, null),
    b: peer.followThrough(facts.asOf, party),
    c: peer.overdue(facts.asOf, 50, cursor),
    write: (i: number) => peer.report(facts.openFollowUps[i % facts.openFollowUps.length], facts.asOf),
  };
}

/** Differences between the servers' answers; empty when they agree. */
function crossCheck(answers: Map<PeerName, PeerAnswers>): string[] {
  const problems: string[] = [];
  const entries = [...answers.entries()];
  const [refName, ref] = entries[0];
  for (const [name, a] of entries.slice(1)) {
    if (JSON.stringify(a.overdue) !== JSON.stringify(ref.overdue)) problems.push(`(a) ${name} and ${refName} list different commitments`);
    if (JSON.stringify(a.deep) !== JSON.stringify(ref.deep)) problems.push(`(c) ${name} and ${refName} list different commitments`);
    if (JSON.stringify(a.followThrough) !== JSON.stringify(ref.followThrough)) {
      problems.push(`(b) ${name} ${JSON.stringify(a.followThrough)} ≠ ${refName} ${JSON.stringify(ref.followThrough)}`);
    }
  }
  return problems;
}

async function benchOneDatabase(cluster: BenchCluster, name: string, s: Settings, generateSize?: number): Promise<SizedMeasurements> {
  const url = cluster.databaseUrl(name);
  let meta = await readBenchMeta(url);
  if (generateSize !== undefined && meta?.commitments !== generateSize) {
    console.log(`generating ${generateSize.toLocaleString('en')} commitments into ${name}`);
    await generateBenchData(cluster, name, { commitments: generateSize, progress: (l) => console.log(`  ${l}`) });
    meta = await readBenchMeta(url);
  }
  if (!meta) throw new Error(`database ${name} holds no generated data; run: npm run bench:data -- --commitments 100000`);
  await installPostgraphileFunctions(url);
  const facts = await dataFacts(url, s.asOf ?? meta.today, s.maxDepth);
  console.log(`\n== ${name}: ${meta.commitments.toLocaleString('en')} commitments, ${facts.overdue.toLocaleString('en')} overdue on ${facts.asOf}; deep page after ${facts.deepDepth} rows` +
    `; ${s.connections} connections, ${s.rounds} × ${s.duration} s per server${s.pgOptions ? `; PGOPTIONS "${s.pgOptions}"` : ''}`);

  const answers = new Map<PeerName, PeerAnswers>();
  for (const peer of s.peers) {
    console.log(`counting statements: ${peer.name}`);
    answers.set(peer.name, await countingPass(peer, url, s, facts, meta.today));
  }
  const problems = crossCheck(answers);
  console.log(problems.length ? `ANSWERS DIFFER:\n  ${problems.join('\n  ')}` : 'all servers give the same answers');

  const servers = new Map<PeerName, ServerProcess>();
  const measurements: Measurement[] = [];
  try {
    for (const peer of s.peers) servers.set(peer.name, await startPeer(peer, url, s, meta.today, 'load'));
    for (const w of s.workloads) {
      const runs = new Map<PeerName, Measurement>();
      for (const peer of s.peers) {
        const a = answers.get(peer.name)!;
        runs.set(peer.name, { workload: w, peer: peer.name, runs: [], statementsPerRequest: a.statements[w] });
      }
      const load = (peer: Peer, seconds: number) => {
        const server = servers.get(peer.name)!;
        const reqs = requestsFor(peer, facts, s.party, answers.get(peer.name)!.cursor);
        let writes = 0;
        return runLoad({
          baseUrl: server.baseUrl,
          requests: w === 'd' ? [reqs.a, reqs.b, reqs.c] : [reqs[w]],
          connections: s.connections,
          durationSeconds: seconds,
          rssMiB: server.rssMiB,
          everySecond: w === 'd' && answers.get(peer.name)!.statements.write !== null
            ? async () => peer.reportAccepted(await send(server.baseUrl, reqs.write(1000 + writes++)))
            : undefined,
        });
      };
      if (s.warmup) {
        for (const peer of s.peers) {
          await load(peer, s.warmup);
          await settle(url);
        }
      }
      for (let round = 1; round <= s.rounds; round++) {
        for (const peer of s.peers) {
          const r = await load(peer, s.duration);
          await settle(url);
          runs.get(peer.name)!.runs.push(r);
          console.log(`  ${WORKLOAD_TITLES[w]} · ${peer.name} · round ${round}: ${r.requestsPerSecond.toFixed(0)} req/s, ` +
            `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, RSS ≤ ${r.peakRssMiB.toFixed(0)} MiB${r.failures ? `, ${r.failures} FAILURES` : ''}`);
        }
      }
      measurements.push(...runs.values());
    }
    if (s.soak) await soak(s, facts, answers, servers, url);
  } finally {
    for (const server of servers.values()) await server.stop();
  }
  const writes = s.peers.map((p) => `${p.name} ${answers.get(p.name)!.statements.write?.toFixed(1) ?? 'n/a (write refused; (d) ran read-only)'}`).join(', ');
  console.log(`\n${resultsTable(measurements)}\n\nStatements per write: ${writes}.${problems.length ? `\nANSWERS DIFFER: ${problems.join('; ')}` : ''}\n\nTargets:\n${targetsReport(measurements)}`);
  return { commitments: meta.commitments, deepDepth: facts.deepDepth, measurements };
}

/** The mixed load for `soak` seconds per server; memory sampled throughout, its drift reported. */
async function soak(s: Settings, facts: DataFacts, answers: Map<PeerName, PeerAnswers>, servers: Map<PeerName, ServerProcess>, url: string): Promise<void> {
  console.log(`\nsoak: mixed load for ${s.soak} s per server`);
  for (const peer of s.peers) {
    const server = servers.get(peer.name)!;
    const reqs = requestsFor(peer, facts, s.party, answers.get(peer.name)!.cursor);
    let writes = 0;
    const r = await runLoad({
      baseUrl: server.baseUrl, requests: [reqs.a, reqs.b, reqs.c], connections: s.connections, durationSeconds: s.soak,
      rssMiB: server.rssMiB,
      everySecond: answers.get(peer.name)!.statements.write === null
        ? undefined
        : async () => peer.reportAccepted(await send(server.baseUrl, reqs.write(5000 + writes++))),
    });
    const tenth = Math.max(1, Math.floor(r.rssSamples.length / 10));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const tenths = Array.from({ length: 10 }, (_, i) => mean(r.rssSamples.slice(i * tenth, (i + 1) * tenth))).filter(Number.isFinite);
    const drift = tenths[tenths.length - 1] - tenths[0];
    console.log(`  ${peer.name}: ${r.requestsPerSecond.toFixed(0)} req/s, mean RSS by tenth of the run ${tenths.map((v) => v.toFixed(0)).join(' → ')} MiB ` +
      `(${(drift >= 0 ? '+' : '') + drift.toFixed(0)} MiB), peak ${r.peakRssMiB.toFixed(0)} MiB, ${r.failures} failures`);
    await settle(url);
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const s = settingsFrom(flags);
  const cluster = await openBenchCluster();
  const started = new Date();
  try {
    const sizes = stringFlag(flags, 'sizes')?.split(',').map((x) => Number(x.replace(/_/g, '')));
    if (sizes?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes commitment counts, e.g. 1000,10000,100000');
    const sized: SizedMeasurements[] = [];
    if (sizes) {
      for (const n of sizes) sized.push(await benchOneDatabase(cluster, `${cluster.defaultName}_${n}`, s, n));
      console.log(`\nGrowth (req/s · p50 ms · SQL statements per request):\n\n${growthTable(sized)}`);
    } else {
      sized.push(await benchOneDatabase(cluster, stringFlag(flags, 'database') ?? cluster.defaultName, s));
    }
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ started, settings: { ...s, peers: s.peers.map((p) => p.name) }, sized }, null, 2));
    console.log(`\nraw results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await cluster.stop();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
