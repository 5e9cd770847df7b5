import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { databaseUrlError } from './connect-error';
import { createDataSource } from './data-source';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  db: DataSource;
  /** Closes the pool, then stops the embedded Postgres if this process started one. */
  close(): Promise<void>;
}

/**
 * The database the configuration names: DATABASE_URL, or the embedded Postgres under dataDir.
 * `shareRunning`: use the embedded cluster another live process runs on dataDir (the seeder does)
 * instead of refusing to start.
 */
export async function openDatabase(config: Config, log: Logger, options: { shareRunning?: boolean } = {}): Promise<OpenDatabase> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log, options);
  try {
    const url = config.databaseUrl ?? (await ensureDatabase(embedded!.url, 'tracker'));
    const db = await createDataSource({
      url,
      poolSize: config.dbPoolSize,
      connectionTimeoutMs: config.dbPoolTimeoutMs,
      statementTimeoutMs: config.dbStatementTimeoutMs,
    })
      .initialize()
      .catch((err: unknown) => {
        throw config.databaseUrl ? databaseUrlError(config.databaseUrl, err) : err;
      });
    return {
      db,
      close: async () => {
        await db.destroy();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
