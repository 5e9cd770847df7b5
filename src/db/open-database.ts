import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  db: DataSource;
  /** Closes the pool, then stops the embedded Postgres if one was started. */
  close(): Promise<void>;
}

/** The database the configuration names: DATABASE_URL, or the embedded Postgres under dataDir. */
export async function openDatabase(config: Config, log: Logger): Promise<OpenDatabase> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log);
  try {
    const url = config.databaseUrl ?? (await ensureDatabase(embedded!.url, 'tracker'));
    const db = await createDataSource({
      url,
      poolSize: config.dbPoolSize,
      connectionTimeoutMs: config.dbPoolTimeoutMs,
      statementTimeoutMs: config.dbStatementTimeoutMs,
    }).initialize();
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
