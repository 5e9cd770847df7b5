import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * follow_up_commitment_due_idx again, with first_closed_on carried in the index: "is this
 * follow-up open as of D" then needs no heap visit, so a commitment's next due date, its status
 * aggregate (followThrough) and the "earliest open follow-up" probe of the commitment list are
 * index-only scans. The new index serves every query the old one did, so the old one goes.
 * IF [NOT] EXISTS: benchmark databases may already have it, built CONCURRENTLY by hand.
 */
export class FollowUpCommitmentDueClosedIndex1767916800000 implements MigrationInterface {
  name = 'FollowUpCommitmentDueClosedIndex1767916800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS follow_up_commitment_due_closed_idx ON follow_up (commitment_id, due_date, id) INCLUDE (first_closed_on)`);
    await q.query(`DROP INDEX IF EXISTS follow_up_commitment_due_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS follow_up_commitment_due_idx ON follow_up (commitment_id, due_date, id)`);
    await q.query(`DROP INDEX IF EXISTS follow_up_commitment_due_closed_idx`);
  }
}
