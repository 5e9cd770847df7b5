import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far each time-driven job has got, so a restart or a missed tick catches up from where the
 * last run stopped instead of repeating or skipping days.
 */
export class SchedulerState1767830400000 implements MigrationInterface {
  name = 'SchedulerState1767830400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduler_state (
        name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
        -- Every day up to and including this one has been processed.
        processed_through date NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduler_state`);
  }
}
