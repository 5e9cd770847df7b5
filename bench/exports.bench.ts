import 'reflect-metadata';
import { get } from 'node:http';
import { freePort } from '../src/db/embedded-postgres';
import { generateBenchData } from './data/generate';
import { tracker } from './peers/peers';
import { parseFlags, stringFlag } from './support/args';
import { openBenchCluster } from './support/bench-database';
import { startServerProcess } from './support/server-process';

/**
 * `npm run bench:exports [-- --commitments 20000,100000]`: what the streamed exports cost the
 * server process. For each size: a fresh generated database (see bench/data), one tracker process
 * (production mode, EXPORT_CONCURRENCY 2), then the CSV and the iCalendar file downloaded in
 * full, first alone and then two at once, each with the resident memory sampled every 20 ms.
 * Prints bytes, seconds and the growth of RSS over the idle server. Not part of `npm test`.
 */
const FLAGS = ['commitments'] as const;
const DATABASE = 'tracker_bench_exports';

interface Download {
  bytes: number;
  ms: number;
  status: number;
}

function download(url: string): Promise<Download> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ bytes, ms: Date.now() - started, status: res.statusCode! }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const sizes = (stringFlag(flags, 'commitments') ?? '20000,100000').split(',').map(Number);
  const cluster = await openBenchCluster();
  const rows: string[] = [];
  try {
    for (const commitments of sizes) {
      await generateBenchData(cluster, DATABASE, { commitments, progress: (line) => console.log(line) });
      const port = await freePort();
      const command = tracker.command({ databaseUrl: cluster.databaseUrl(DATABASE), port, today: '2026-06-01', poolSize: 10 });
      const server = await startServerProcess({ ...command, env: { ...command.env, EXPORT_CONCURRENCY: '2' } }, `exports-${commitments}`);
      try {
        await new Promise((r) => setTimeout(r, 2_000)); // let start-up garbage settle
        const idle = server.rssMiB()!;
        for (const [name, path] of [['CSV', '/export/commitments.csv'], ['iCalendar', '/calendar.ics']]) {
          for (const parallel of [1, 2]) {
            let peak = idle;
            const sampler = setInterval(() => (peak = Math.max(peak, server.rssMiB() ?? peak)), 20);
            const done = await Promise.all(Array.from({ length: parallel }, () => download(`${server.baseUrl}${path}`)));
            clearInterval(sampler);
            const [first] = done;
            rows.push(
              `| ${commitments.toLocaleString('en')} | ${name} | ${parallel} | ${done.map((d) => d.status).join(', ')} | ${(first.bytes / 1e6).toFixed(1)} MB | ` +
                `${(Math.max(...done.map((d) => d.ms)) / 1000).toFixed(1)} s | ${idle.toFixed(0)} → ${peak.toFixed(0)} MiB (+${(peak - idle).toFixed(0)}) |`,
            );
            console.log(rows[rows.length - 1]);
          }
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await cluster.stop();
  }
  console.log('\n| commitments | file | at once | status | size | time | RSS idle → peak |\n|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
