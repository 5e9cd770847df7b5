import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closing report may be dated a day ahead of when it is recorded (time zones differ); it then
 * changes a status only when its day comes, and the scheduler announces that change. Its daily
 * look for such reports reads the closing reports dated in the days it processes: this index makes
 * that a range scan rather than a pass over every report.
 */
export class ReportsDatedAhead1768176100000 implements MigrationInterface {
  name = 'ReportsDatedAhead1768176100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS progress_report_closing_reported_on_idx ON progress_report (reported_on) WHERE state <> 'IN_PROGRESS'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS progress_report_closing_reported_on_idx`);
  }
}
