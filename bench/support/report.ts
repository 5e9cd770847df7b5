import { PEERS, PeerName, TRACKERS } from '../peers/peers';
import type { RunResult } from './load';

/** The measured numbers of one workload on one server, over all its rounds. */
export interface Measurement {
  workload: WorkloadKey;
  peer: PeerName;
  runs: RunResult[];
  /** Statements per request seen by the counting proxy; for the mixed load, per read. */
  statementsPerRequest: number | null;
}

export type WorkloadKey = 'a' | 'b' | 'c' | 'd';
export const WORKLOAD_TITLES: Record<WorkloadKey, string> = {
  a: '(a) overdue list, first 50',
  b: '(b) followThrough, one party',
  c: '(c) deep page',
  d: '(d) mixed reads + 1 write/s',
};

export interface Summary {
  rps: number;
  p50: number;
  p99: number;
  peakRss: number;
  failures: number;
}

/** Rounds combined: mean throughput and median latency, and the worst p99 of any round. */
export function summarize(m: Measurement): Summary {
  const n = m.runs.length;
  return {
    rps: m.runs.reduce((s, r) => s + r.requestsPerSecond, 0) / n,
    p50: m.runs.reduce((s, r) => s + r.p50, 0) / n,
    p99: Math.max(...m.runs.map((r) => r.p99)),
    peakRss: Math.max(...m.runs.map((r) => r.peakRssMiB)),
    failures: m.runs.reduce((s, r) => s + r.failures, 0),
  };
}

const fixed = (v: number, d = 0) =>
  Number.isFinite(v) ? v.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }) : '> run';
const ratio = (a: number, b: number) =>
  a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}×` : '–';

/** The main table, as Markdown: one row per workload and server, ratios on the tracker's rows. */
export function resultsTable(measurements: Measurement[]): string {
  const lines = [
    '| workload | server | req/s | p50 ms | p99 ms | SQL/req | peak RSS MiB | failures | req/s vs PostGraphile | p99 vs PostGraphile | req/s vs floor |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const w of Object.keys(WORKLOAD_TITLES) as WorkloadKey[]) {
    const rows = measurements.filter((m) => m.workload === w);
    if (!rows.length) continue;
    const by = Object.fromEntries(rows.map((m) => [m.peer, summarize(m)])) as Partial<Record<PeerName, Summary>>;
    for (const m of rows) {
      const s = by[m.peer]!;
      const pg = by.postgraphile;
      const fl = by.floor;
      const mine = TRACKERS.includes(m.peer);
      lines.push(
        `| ${WORKLOAD_TITLES[w]} | ${m.peer} | ${fixed(s.rps)} | ${fixed(s.p50, 1)} | ${fixed(s.p99, 1)} | ` +
          `${m.statementsPerRequest === null ? '–' : fixed(m.statementsPerRequest, 1)} | ${fixed(s.peakRss)} | ${s.failures} | ` +
          `${mine && pg ? ratio(s.rps, pg.rps) : ''} | ${mine && pg ? ratio(s.p99, pg.p99) : ''} | ${mine && fl ? ratio(s.rps, fl.rps) : ''} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Which of the issue's targets each tracker row meets, one line per workload and row. */
export function targetsReport(measurements: Measurement[]): string {
  const lines: string[] = [];
  for (const w of Object.keys(WORKLOAD_TITLES) as WorkloadKey[]) for (const mine of TRACKERS) {
    const get = (p: PeerName) => {
      const m = measurements.find((x) => x.workload === w && x.peer === p);
      return m ? summarize(m) : undefined;
    };
    const t = get(mine);
    if (!t) continue;
    const checks: string[] = [];
    const pg = get('postgraphile');
    const fl = get('floor');
    if (pg) {
      checks.push(`${t.rps > 0 && t.rps >= pg.rps ? 'MET' : 'MISSED'} req/s ≥ PostGraphile (${ratio(t.rps, pg.rps)})`);
      checks.push(`${Number.isFinite(t.p99) && t.p99 <= pg.p99 ? 'MET' : 'MISSED'} p99 ≤ PostGraphile (${fixed(t.p99, 1)} vs ${fixed(pg.p99, 1)} ms)`);
    }
    if (fl) checks.push(`${t.rps > 0 && t.rps >= fl.rps / 2 ? 'MET' : 'MISSED'} req/s ≥ ½ floor (${ratio(t.rps, fl.rps)})`);
    if (w === 'a' || w === 'b') checks.push(`${t.p99 < 50 ? 'MET' : 'MISSED'} p99 < 50 ms (${fixed(t.p99, 1)} ms)`);
    lines.push(`- ${WORKLOAD_TITLES[w]}, ${mine}: ${checks.join('; ')}`);
  }
  return lines.join('\n');
}

export interface SizedMeasurements {
  commitments: number;
  deepDepth: number;
  measurements: Measurement[];
}

/** How each workload's cost moves with the data: p50, req/s and statements per request at each size. */
export function growthTable(sized: SizedMeasurements[]): string {
  const header = `| workload | server | ${sized.map((s) => `${fixed(s.commitments)}: req/s · p50 ms · SQL`).join(' | ')} | p50 largest ÷ smallest |`;
  const lines = [header, `|---|---|${sized.map(() => '---:|').join('')}---:|`];
  for (const w of Object.keys(WORKLOAD_TITLES) as WorkloadKey[]) {
    for (const peer of PEERS) {
      const cells = sized.map((s) => s.measurements.find((m) => m.workload === w && m.peer === peer));
      if (cells.every((c) => !c)) continue;
      const sums = cells.map((c) => (c ? summarize(c) : undefined));
      const first = sums[0];
      const last = sums[sums.length - 1];
      lines.push(
        `| ${WORKLOAD_TITLES[w]} | ${peer} | ${cells
          .map((c, i) => (c ? `${fixed(sums[i]!.rps)} · ${fixed(sums[i]!.p50, 1)} · ${c.statementsPerRequest === null ? '–' : fixed(c.statementsPerRequest, 1)}` : '–'))
          .join(' | ')} | ${first && last ? ratio(last.p50, first.p50) : '–'} |`,
      );
    }
  }
  lines.push('', `Deep page depth (rows skipped) per size: ${sized.map((s) => `${fixed(s.commitments)} → ${fixed(s.deepDepth)}`).join(', ')}.`);
  return lines.join('\n');
}
