import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * progress_report.external_id: the key a CSV import of reports matches on, so importing the same
 * file twice records each report once. Reports are append-only, so the key is set when the report
 * is written and never changes; a correction is a new report with a key of its own.
 */
export class ReportExternalId1769400000000 implements MigrationInterface {
  name = 'ReportExternalId1769400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE progress_report ADD COLUMN external_id text UNIQUE CHECK (length(external_id) BETWEEN 1 AND 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE progress_report DROP COLUMN external_id`);
  }
}
