import type { DataSource, EntityManager } from 'typeorm';

/** SQLSTATEs after which the whole transaction can simply run again: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Runs `work` in a transaction, re-running it when Postgres aborted it to break a deadlock. API
 * writes lock a commitment row and then the event log's advisory lock, while the scheduler may
 * take them the other way round around midnight; whichever Postgres picks as the victim just
 * runs again. `work` must be repeatable: everything it writes is rolled back before a retry.
 */
export async function writeTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (e) {
      const code = (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
      if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw e;
    }
  }
}
