import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * webhook: one row per subscriber, holding both what it wants and how far delivery has got. The
 * per-webhook cursor (delivered_through) makes the event log itself the outbox: every event after
 * it that matches is still owed, so nothing is lost across restarts and nothing is copied per event.
 *
 * The lease (leased_until, lease_token) is how one server of many delivers a webhook: a server
 * claims due rows with FOR UPDATE SKIP LOCKED and sets a lease, then delivers without holding a
 * transaction open; a server that dies leaves a lease that simply runs out.
 *
 * No data_version triggers: webhooks are read only by ADMIN keys, and keyed reads are never cached,
 * so no cached anonymous answer can go stale when a row changes (the same reason api_key has none).
 * The secret is stored only encrypted (AES-256-GCM under a key the database does not hold).
 */
export class Webhooks1769200000000 implements MigrationInterface {
  name = 'Webhooks1769200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        url text NOT NULL,
        criteria jsonb NOT NULL,
        kinds text[] NOT NULL DEFAULT '{}',
        secret_encrypted text NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        delivered_through bigint NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
        failing_since timestamptz,
        last_delivered_at timestamptz,
        last_error text,
        leased_until timestamptz,
        lease_token uuid,
        CONSTRAINT webhook_attempts_nonnegative CHECK (attempts >= 0)
      );
      CREATE INDEX webhook_next_attempt_idx ON webhook (next_attempt_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook`);
  }
}
