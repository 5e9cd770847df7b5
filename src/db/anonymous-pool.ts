import { DataSource } from 'typeorm';
import type { Config } from '../config';

/**
 * The pool of requests without a valid API key: DB_ANONYMOUS_POOL_SIZE connections of its own (so
 * anonymous load, however heavy, never takes the main pool's connections from keyed writers), each
 * statement cut off after DB_ANONYMOUS_STATEMENT_TIMEOUT_MS — the time budget of an anonymous
 * request, past which it gets STATEMENT_TIMEOUT and its connection is free for the next caller.
 * Everything else (database, entities, logging) is the main pool's, so both behave alike.
 */
export function openAnonymousPool(db: DataSource, config: Pick<Config, 'dbAnonymousPoolSize' | 'dbAnonymousStatementTimeoutMs'>): Promise<DataSource> {
  const extra = (db.options.extra ?? {}) as Record<string, unknown>;
  return new DataSource({
    ...db.options,
    extra: { ...extra, max: config.dbAnonymousPoolSize, statement_timeout: config.dbAnonymousStatementTimeoutMs, application_name: 'follow-through-tracker:anonymous' },
  }).initialize();
}
