import type { Queryable } from '../db/queryable';
import type { CommitmentCriteria } from '../commitments/commitment-criteria';
import type { EventKind } from '../events/commitment-event.entity';

/** What the API shows of a webhook (never its secret). */
export interface WebhookRow {
  id: string;
  url: string;
  kinds: EventKind[];
  criteria: CommitmentCriteria;
  createdAt: Date;
  deliveredThrough: string;
  lastDeliveredAt: Date | null;
  lastError: string | null;
}

/** A webhook claimed for delivery by one server, with what the dispatcher needs. */
export interface ClaimedWebhook extends WebhookRow {
  secretEncrypted: string;
  attempts: number;
  /** How long its head event has been failing, in ms; 0 when it is not failing. */
  failingForMs: number;
  leaseToken: string;
}

const ROW = `id, url, kinds, criteria, created_at AS "createdAt", delivered_through AS "deliveredThrough",
  last_delivered_at AS "lastDeliveredAt", last_error AS "lastError"`;

export async function insertWebhook(
  db: Queryable,
  w: { url: string; criteria: CommitmentCriteria; kinds: readonly EventKind[]; secretEncrypted: string; createdAt: Date; createdBy: string },
): Promise<WebhookRow> {
  // Deliveries start after the newest committed event: a new webhook is told about what happens next.
  const [row] = await db.query(
    `INSERT INTO webhook (url, criteria, kinds, secret_encrypted, created_at, created_by, delivered_through)
     VALUES ($1, $2, $3, $4, $5, $6, (SELECT COALESCE(max(id), 0) FROM commitment_event)) RETURNING ${ROW}`,
    [w.url, JSON.stringify(w.criteria), w.kinds, w.secretEncrypted, w.createdAt, w.createdBy],
  );
  return row;
}

export function listWebhooks(db: Queryable): Promise<WebhookRow[]> {
  return db.query(`SELECT ${ROW} FROM webhook ORDER BY id`);
}

export async function findWebhook(db: Queryable, id: string): Promise<WebhookRow | null> {
  const [row] = await db.query(`SELECT ${ROW} FROM webhook WHERE id = $1`, [id]);
  return row ?? null;
}

/** Deletes it and so every pending delivery; a server delivering it now stops at its next acknowledgement. */
export async function deleteWebhookRow(db: Queryable, id: string): Promise<WebhookRow | null> {
  const [rows] = await db.query(`DELETE FROM webhook WHERE id = $1 RETURNING ${ROW}`, [id]);
  return rows?.[0] ?? null;
}

/**
 * Claims up to `limit` webhooks that are owed events and due, for `leaseMs`, skipping rows another
 * server is claiming at this instant (SKIP LOCKED) and rows whose lease has not run out. The lease,
 * not a held transaction, is what keeps a second server off a webhook while deliveries are made.
 */
export async function claimDueWebhooks(db: Queryable, o: { latestEventId: string; limit: number; leaseMs: number; token: string }): Promise<ClaimedWebhook[]> {
  // An UPDATE's answer through TypeORM is [rows, count].
  const [rows] = await db.query(
    `UPDATE webhook w SET leased_until = now() + $3 * interval '1 millisecond', lease_token = $4
      WHERE w.id IN (
        SELECT id FROM webhook
         WHERE next_attempt_at <= now() AND delivered_through < $1::bigint AND (leased_until IS NULL OR leased_until < now())
         ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING ${ROW}, w.secret_encrypted AS "secretEncrypted", w.attempts, w.lease_token AS "leaseToken",
        COALESCE(extract(epoch FROM now() - w.failing_since) * 1000, 0)::float8 AS "failingForMs"`,
    [o.latestEventId, o.limit, o.leaseMs, o.token],
  );
  return rows;
}

/**
 * Records progress under the lease: every event through `deliveredThrough` is done (`delivered`:
 * some of it was actually delivered, not only passed over as not matching). Keeps the lease for
 * `leaseMs` more, or with `leaseMs` null gives it back. False when the lease was lost: the webhook
 * was deleted, or its lease ran out and another server took it over.
 */
export async function acknowledge(
  db: Queryable,
  o: { id: string; token: string; deliveredThrough: string; delivered: boolean; leaseMs: number | null },
): Promise<boolean> {
  const [, count] = await db.query(
    `UPDATE webhook SET
            attempts = CASE WHEN $3::bigint > delivered_through THEN 0 ELSE attempts END,
            failing_since = CASE WHEN $3::bigint > delivered_through THEN NULL ELSE failing_since END,
            delivered_through = GREATEST(delivered_through, $3::bigint),
            last_error = CASE WHEN $4 THEN NULL ELSE last_error END,
            last_delivered_at = CASE WHEN $4 THEN now() ELSE last_delivered_at END,
            leased_until = CASE WHEN $5::float8 IS NULL THEN NULL ELSE now() + $5::float8 * interval '1 millisecond' END,
            lease_token = CASE WHEN $5::float8 IS NULL THEN NULL ELSE lease_token END,
            -- Given back, it queues behind webhooks that have waited longer (claims go by next_attempt_at).
            next_attempt_at = CASE WHEN $5::float8 IS NULL THEN now() ELSE next_attempt_at END
      WHERE id = $1 AND lease_token = $2`,
    [o.id, o.token, o.deliveredThrough, o.delivered, o.leaseMs],
  );
  return count > 0;
}

/**
 * When this server should look again for work it cannot take now: the earliest retry or lease
 * end among webhooks owed events (ms from now, at least 0); null when none is owed anything.
 */
export async function nextDueInMs(db: Queryable, latestEventId: string): Promise<number | null> {
  const [{ ms }] = await db.query(
    `SELECT GREATEST(extract(epoch FROM min(GREATEST(next_attempt_at, COALESCE(leased_until, next_attempt_at))) - now()) * 1000, 0)::float8 AS ms
       FROM webhook WHERE delivered_through < $1::bigint`,
    [latestEventId],
  );
  return ms === null ? null : Number(ms);
}

/** A failed attempt at the event after deliveredThrough: retried after retryInMs; later events wait. */
export async function recordFailure(db: Queryable, id: string, token: string, deliveredThrough: string, error: string, retryInMs: number): Promise<void> {
  await db.query(
    `UPDATE webhook SET delivered_through = GREATEST(delivered_through, $3::bigint), attempts = attempts + 1,
            failing_since = COALESCE(failing_since, now()), last_error = $4,
            next_attempt_at = now() + $5 * interval '1 millisecond', leased_until = NULL, lease_token = NULL
      WHERE id = $1 AND lease_token = $2`,
    [id, token, deliveredThrough, error, retryInMs],
  );
}

/** The event `eventId` failed for 24 hours: it is passed over and the next one is tried at once. */
export async function giveUpEvent(db: Queryable, id: string, token: string, eventId: string, error: string): Promise<void> {
  await db.query(
    `UPDATE webhook SET delivered_through = GREATEST(delivered_through, $3::bigint), attempts = 0, failing_since = NULL,
            last_error = $4, next_attempt_at = now(), leased_until = NULL, lease_token = NULL
      WHERE id = $1 AND lease_token = $2`,
    [id, token, eventId, error],
  );
}
