import type { EntityManager } from 'typeorm';
import type { Status } from '../domain/status';
import type { EventKind } from './commitment-event.entity';

/** Channel on which each commit that wrote events announces the highest event id it wrote. */
export const EVENTS_CHANNEL = 'commitment_events';

export interface NewEvent {
  commitmentId: string;
  followUpId?: string | null;
  kind: EventKind;
  actor: string;
  occurredAt: Date;
  previousStatus?: Status | null;
  status?: Status | null;
  details?: Record<string, unknown> | null;
}

/**
 * Appends events inside the caller's transaction. Two guarantees hang on this function:
 *
 * - Ids increase in commit order. Writers take a transaction-scoped advisory lock before their ids
 *   are drawn and hold it until commit, so a reader that has seen id N will never later find a
 *   committed event below N. That is what makes the id a safe resume cursor.
 * - The NOTIFY is part of the transaction: Postgres delivers it on commit and drops it on rollback,
 *   so a rolled-back write never produces an event.
 */
export async function appendEvents(manager: EntityManager, events: NewEvent[]): Promise<string[]> {
  if (!events.length) return [];
  if (!manager.queryRunner?.isTransactionActive) throw new Error('appendEvents must run inside a transaction');
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tracker:event-log'))`);
  const params: unknown[] = [];
  const rows = events.map((e) => {
    const values = [e.commitmentId, e.followUpId ?? null, e.kind, e.actor, e.occurredAt, e.previousStatus ?? null, e.status ?? null, e.details ? JSON.stringify(e.details) : null];
    const placeholders = values.map((v) => `$${params.push(v)}`);
    return `(${placeholders.join(', ')})`;
  });
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO commitment_event (commitment_id, follow_up_id, kind, actor, occurred_at, previous_status, status, details)
     VALUES ${rows.join(', ')} RETURNING id`,
    params,
  );
  const ids = inserted.map((r) => r.id);
  await manager.query(`SELECT pg_notify($1, $2)`, [EVENTS_CHANNEL, ids[ids.length - 1]]);
  return ids;
}
