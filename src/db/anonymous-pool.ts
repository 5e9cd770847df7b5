import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';

/**
 * The pool of requests without a valid API key: DB_ANONYMOUS_POOL_SIZE connections of its own (so
 * anonymous load, however heavy, never takes the main pool's connections from keyed writers), each
 * statement cut off after DB_ANONYMOUS_STATEMENT_TIMEOUT_MS — the time budget of an anonymous
 * request, past which it gets STATEMENT_TIMEOUT and its connection is free for the next caller.
 */
export function openAnonymousPool(db: DataSource, config: Pick<Config, 'dbAnonymousPoolSize' | 'dbAnonymousStatementTimeoutMs' | 'dbPoolTimeoutMs'>): Promise<DataSource> {
  const options = db.options;
  if (options.type !== 'postgres' || !options.url) throw new Error('the anonymous pool needs a Postgres data source configured by url');
  return createDataSource({
    url: options.url,
    poolSize: config.dbAnonymousPoolSize,
    statementTimeoutMs: config.dbAnonymousStatementTimeoutMs,
    connectionTimeoutMs: config.dbPoolTimeoutMs,
  }).initialize();
}
