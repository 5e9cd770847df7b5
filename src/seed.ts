import 'reflect-metadata';
import { seedDatabase } from '../seeds/seed';
import { ConfigError, loadConfig } from './config';
import { createDataSource } from './db/data-source';
import { ensureDatabase, startEmbeddedPostgres } from './db/embedded-postgres';
import { createClock } from './domain/clock';
import { createLogger } from './logger';

/**
 * `npm run seed`: the database the server would use (DATABASE_URL, or the embedded one under
 * TRACKER_DATA_DIR), migrated, then loaded with the articles' data. Idempotent: what is already
 * there is left alone, so it can be run against a live database at any time.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log);
  try {
    const url = config.databaseUrl ?? (await ensureDatabase(embedded!.url, 'tracker'));
    const db = await createDataSource({ url, poolSize: 2 }).initialize();
    try {
      const clock = createClock({ start: config.clockStart, timeZone: config.timeZone });
      // The lock a starting server holds while it migrates (src/db/prepare.ts): never both at once.
      const lock = db.createQueryRunner();
      await lock.connect();
      try {
        await lock.query('SELECT pg_advisory_lock(hashtext($1))', ['tracker:prepare']);
        const applied = await db.runMigrations({ transaction: 'each' });
        if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
      } finally {
        await lock.query('SELECT pg_advisory_unlock(hashtext($1))', ['tracker:prepare']).catch(() => undefined);
        await lock.release();
      }
      const inserted = await seedDatabase(db, clock);
      log.info({ inserted }, 'seed finished');
    } finally {
      await db.destroy();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
