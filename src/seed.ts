import 'reflect-metadata';
import { loadConfig } from './config';
import { runEntryPoint } from './entry-point';
import { openDatabase } from './db/open-database';
import { prepareDatabase } from './db/prepare';
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
  const { db, close } = await openDatabase(config, log, { shareRunning: true });
  try {
    await prepareDatabase(db, createClock({ start: config.clockStart, timeZone: config.timeZone }), log, 'always');
  } finally {
    await close();
  }
}

runEntryPoint(main);
