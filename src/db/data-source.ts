import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

// Dates stay 'YYYY-MM-DD' strings (no time-zone shift through JS Date); counts come back as numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  /** Milliseconds before Postgres cancels a statement. */
  statementTimeoutMs?: number;
  /** Milliseconds a request waits for a free pooled connection before failing (pool full or database down). */
  connectionTimeoutMs?: number;
  /** Called with every SQL statement run; tests count them. */
  onQuery?: (sql: string) => void;
}

export function createDataSource({ url, poolSize = 10, statementTimeoutMs = 15_000, connectionTimeoutMs = 10_000, onQuery }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: onQuery ? ['query'] : false,
    logger: onQuery
      ? { logQuery: (sql) => onQuery(sql), logQueryError: () => {}, logQuerySlow: () => {}, logSchemaBuild: () => {}, logMigration: () => {}, log: () => {} }
      : undefined,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: connectionTimeoutMs,
      statement_timeout: statementTimeoutMs,
      application_name: 'follow-through-tracker',
      // JIT compiles a statement whose estimated cost is high, which the status subqueries make
      // common, for 50-160 ms, while the statements themselves take a few ms: never worth it here.
      options: '-c jit=off',
    },
  });
}
