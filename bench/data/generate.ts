import 'reflect-metadata';
import pg from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { intFlag, parseFlags, stringFlag } from '../support/args';
import { BenchCluster, openBenchCluster, readBenchMeta, withMaintenanceClient } from '../support/bench-database';
import * as sql from './generate.sql';

/**
 * `npm run bench:data -- --commitments 100000 [--seed 1] [--today 2026-06-01] [--database NAME]`
 *
 * Drops and refills a benchmark database with synthetic data of realistic shape (see
 * generate.sql.ts): 40 parties, thousands of engagements and sources, the commitments (a quarter
 * recurring), about ten follow-ups and five reports per commitment. The schema comes from the
 * project's own migrations. Refuses to drop a database that holds anything but generated data.
 */
export const DEFAULT_TODAY = '2026-06-01';

export interface GenerateOptions {
  commitments: number;
  seed?: number;
  today?: string;
  /** Logs one line per step; silent when omitted. */
  progress?: (line: string) => void;
}

/** Replaces database `name` on the cluster with freshly generated data. */
export async function generateBenchData(cluster: BenchCluster, name: string, options: GenerateOptions): Promise<void> {
  const shape: sql.Shape = { commitments: options.commitments, seed: options.seed ?? 1, today: options.today ?? DEFAULT_TODAY };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(shape.today)) throw new Error(`--today must be YYYY-MM-DD, got "${shape.today}"`);
  const say = options.progress ?? (() => undefined);
  const url = cluster.databaseUrl(name);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  await recreateDatabase(cluster, name, url);
  const db = await createDataSource({ url, poolSize: 1 }).initialize();
  await db.runMigrations({ transaction: 'each' });
  await db.destroy();
  say(`[${elapsed()}] database ${name} created and migrated`);

  const client = new pg.Client({ connectionString: url, statement_timeout: 0 });
  await client.connect();
  try {
    await client.query(sql.setupSql(shape));
    const step = async (label: string, text: string) => {
      const result = await client.query(text);
      say(`[${elapsed()}] ${label}: ${(result.rowCount ?? 0).toLocaleString('en')} rows`);
    };
    // Row triggers would fire once per generated row; the load does their work in bulk instead:
    // the closing facts by one UPDATE per slice of reports, the data version by one bump at the end.
    await withRowTriggersOff(client, async () => {
      await step('parties', sql.partiesSql());
      await step('engagements', sql.engagementsSql(shape));
      await step('sources', sql.sourcesSql(shape));
      await step('commitments', sql.commitmentsSql(shape));
      await step('responsible parties', sql.commitmentPartiesSql(shape));
      await step('kinds', sql.commitmentKindsSql());
      await step('engagement parties', sql.engagementPartiesSql());
      await step('source citations', sql.citationsSql(shape));
      await step('creation events', sql.createdEventsSql());
      await chunked(client, 'follow-ups', shape.commitments, say, elapsed, (lo, hi) => [
        sql.oneOffFollowUpsSql(lo, hi),
        sql.recurringFollowUpsSql(lo, hi),
      ]);
      const { rows } = await client.query('SELECT coalesce(max(id), 0)::int AS max FROM follow_up');
      await chunked(client, 'progress reports', rows[0].max, say, elapsed, (lo, hi) => [
        sql.reportsSql(shape, lo, hi),
        sql.correctionsSql(shape, lo, hi),
        sql.evidenceSql(lo, hi),
        sql.firstClosedOnSql(lo, hi),
      ]);
    });
    await client.query('UPDATE data_version SET version = version + 1');
    await client.query(sql.finishSql(shape));
    await client.query('VACUUM (ANALYZE)');
    say(`[${elapsed()}] vacuumed and analyzed`);
    say(await summary(client, shape.today));
  } finally {
    await client.end();
  }
}

/** The row triggers that keep caches: the closing facts of follow-ups, and the data version. */
const CACHE_TRIGGERS = `SELECT tgrelid::regclass::text AS "table", tgname AS name FROM pg_trigger
  WHERE NOT tgisinternal AND (tgname LIKE '%\\_bumps\\_data\\_version' OR tgname = 'progress_report_refresh_first_closed_on')`;

async function withRowTriggersOff(client: pg.Client, load: () => Promise<void>): Promise<void> {
  const { rows } = await client.query<{ table: string; name: string }>(CACHE_TRIGGERS);
  const alter = (action: 'DISABLE' | 'ENABLE') =>
    Promise.all(rows.map((t) => client.query(`ALTER TABLE ${t.table} ${action} TRIGGER ${client.escapeIdentifier(t.name)}`)));
  await alter('DISABLE');
  try {
    await load();
  } finally {
    await alter('ENABLE');
  }
}

/** Runs the statements for ten slices of 1..total, reporting rows and percent done after each. */
async function chunked(
  client: pg.Client,
  label: string,
  total: number,
  say: (line: string) => void,
  elapsed: () => string,
  statements: (lo: number, hi: number) => string[],
): Promise<void> {
  const slices = total >= 1000 ? 10 : 1;
  const size = Math.ceil(total / slices);
  let rows = 0;
  for (let i = 0; i < slices; i++) {
    const lo = i * size + 1;
    const hi = Math.min(total, (i + 1) * size);
    const [first, ...rest] = statements(lo, hi);
    rows += (await client.query(first)).rowCount ?? 0;
    for (const text of rest) {
      const r = await client.query(text);
      if (r.command === 'INSERT') rows += r.rowCount ?? 0;
    }
    say(`[${elapsed()}] ${label}: ${Math.round(((i + 1) / slices) * 100)}% (${rows.toLocaleString('en')} rows)`);
  }
}

async function recreateDatabase(cluster: BenchCluster, name: string, url: string): Promise<void> {
  await withMaintenanceClient(cluster, async (c) => {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) {
      const generated = await readBenchMeta(url);
      if (!generated && (await holdsTables(url))) {
        throw new Error(`database "${name}" holds tables but no bench.meta: not dropping what the generator did not make`);
      }
      await c.query(`DROP DATABASE ${c.escapeIdentifier(name)} WITH (FORCE)`);
    }
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  });
}

async function holdsTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return rows[0].n > 0;
  } finally {
    await client.end();
  }
}

async function summary(client: pg.Client, today: string): Promise<string> {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM commitment)::int AS commitments,
            (SELECT count(*) FROM commitment WHERE recurrence IS NOT NULL)::int AS recurring,
            (SELECT count(*) FROM follow_up)::int AS follow_ups,
            (SELECT count(*) FROM progress_report)::int AS reports,
            (SELECT count(DISTINCT commitment_id) FROM follow_up
              WHERE due_date < $1::date AND (first_closed_on IS NULL OR first_closed_on > $1::date))::int AS overdue`,
    [today],
  );
  const r = rows[0];
  const n = (v: number) => v.toLocaleString('en');
  return `done: ${n(r.commitments)} commitments (${n(r.recurring)} recurring, ${n(r.overdue)} overdue on ${today}), ` +
    `${n(r.follow_ups)} follow-ups, ${n(r.reports)} progress reports`;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['commitments', 'seed', 'today', 'database']);
  const commitments = intFlag(flags, 'commitments', 100_000);
  const cluster = await openBenchCluster();
  try {
    const name = stringFlag(flags, 'database') ?? cluster.defaultName;
    console.log(`generating ${commitments.toLocaleString('en')} commitments into ${name}`);
    await generateBenchData(cluster, name, {
      commitments,
      seed: intFlag(flags, 'seed', 1),
      today: stringFlag(flags, 'today'),
      progress: (line) => console.log(line),
    });
  } finally {
    await cluster.stop();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
