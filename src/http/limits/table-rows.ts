import type { Logger } from 'pino';
import type { Queryable } from '../../db/queryable';
import { NO_ROWS, TableRows } from './cost';

/** How often the sizes are read again: tables grow slowly, and an estimate is all the cost needs. */
const REFRESH_MS = 30_000;

/**
 * The sizes the cost model charges whole-table reads by, from Postgres's live-row statistics
 * (pg_stat_user_tables.n_live_tup: kept up to date by every insert and delete, no ANALYZE needed,
 * and reading it costs nothing). Read at start and every REFRESH_MS; a failed read keeps the last.
 */
export class TableRowEstimates {
  private rows: TableRows = NO_ROWS;
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: Queryable, private readonly log: Logger) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  current(): TableRows {
    return this.rows;
  }

  private async refresh(): Promise<void> {
    try {
      const found: { relname: string; rows: number }[] = await this.db.query(
        `SELECT relname, n_live_tup::float8 AS rows FROM pg_stat_user_tables WHERE relname IN ('commitment', 'follow_up') AND schemaname = current_schema()`,
      );
      const of = (name: string) => found.find((r) => r.relname === name)?.rows ?? 0;
      this.rows = { commitments: of('commitment'), followUps: of('follow_up') };
    } catch (err) {
      this.log.warn({ err }, 'could not read table sizes for the cost model; keeping the last ones');
    }
  }
}
