import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Clock } from '../domain/clock';
import { seedDatabase } from '../../seeds/seed';

/**
 * Brings a database up to date: pending migrations, then the articles' data if it is empty.
 * Several servers may start at once; an advisory lock makes them take turns.
 */
export async function prepareDatabase(db: DataSource, clock: Clock, log: Logger): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', ['tracker:prepare']);
    const applied = await db.runMigrations({ transaction: 'each' });
    if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    const [{ empty }] = await runner.query('SELECT NOT EXISTS (SELECT 1 FROM party) AS empty');
    if (empty) {
      const summary = await seedDatabase(db, clock);
      log.info(summary, 'empty database seeded with the source articles');
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', ['tracker:prepare']).catch(() => undefined);
    await runner.release();
  }
}
