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

/** Another write to run in the same statement as the events (see appendEvents): CTEs and their parameters. */
export interface AlongsideWrite {
  /** `name AS (INSERT …)`, comma-separated; placeholders numbered from $1 over `params`. */
  ctes: string;
  params: unknown[];
}

/**
 * Appends events inside the caller's transaction, in one statement (with `alongside`, that
 * statement also runs the caller's own write, so a write costs one round trip for both). Two
 * guarantees hang on this function:
 *
 * - Ids increase in commit order. Writers take a transaction-scoped advisory lock before their ids
 *   are drawn and hold it until commit, so a reader that has seen id N will never later find a
 *   committed event below N. That is what makes the id a safe resume cursor. In the statement, the
 *   rows to insert are joined to the lock's one row and sorted before any id is drawn (the ids are
 *   column defaults, evaluated as the sorted rows reach the INSERT), so the lock comes first and the
 *   ids follow the events' order.
 * - The NOTIFY is part of the transaction: Postgres delivers it on commit and drops it on rollback,
 *   so a rolled-back write never produces an event.
 *
 * The statement also bumps data_version for the transaction (what its deferred trigger would do at
 * commit, which then finds it done), so the write knows the version its commit makes without
 * reading it after (X-Data-Version on a mutation's answer). The row stays locked until commit, over
 * the same span as the event log's lock, which writers already take in turn.
 */
export async function appendEvents(manager: EntityManager, events: NewEvent[], alongside?: AlongsideWrite): Promise<AppendedEvents> {
  if (!events.length) {
    if (alongside) throw new Error('appendEvents runs a write alongside events only');
    return { ids: [], dataVersion: null };
  }
  if (!manager.queryRunner?.isTransactionActive) throw new Error('appendEvents must run inside a transaction');
  const params: unknown[] = [...(alongside?.params ?? [])];
  const rows = events.map((e, i) => {
    const values = [e.commitmentId, e.followUpId ?? null, e.kind, e.actor, e.occurredAt, e.previousStatus ?? null, e.status ?? null, e.details ? JSON.stringify(e.details) : null];
    const placeholders = values.map((v, k) => `$${params.push(v)}::${EVENT_COLUMN_TYPES[k]}`);
    return `(${i}, ${placeholders.join(', ')})`;
  });
  const channel = `$${params.push(EVENTS_CHANNEL)}`;
  const [{ ids, version }]: { ids: string[]; version: string }[] = await manager.query(
    `WITH ${alongside ? `${alongside.ctes},` : ''}
     event_log_lock AS (SELECT pg_advisory_xact_lock(hashtext('tracker:event-log'))),
     appended AS (
       INSERT INTO commitment_event (commitment_id, follow_up_id, kind, actor, occurred_at, previous_status, status, details)
       SELECT v.commitment_id, v.follow_up_id, v.kind, v.actor, v.occurred_at, v.previous_status, v.status, v.details
         FROM (VALUES ${rows.join(', ')}) v(ord, commitment_id, follow_up_id, kind, actor, occurred_at, previous_status, status, details)
        CROSS JOIN event_log_lock
        ORDER BY v.ord
       RETURNING id),
     -- CASE: the check must come before set_config, which makes it false (migration DataVersion's rule).
     data_version_bump AS (
       UPDATE data_version SET version = version + 1
        WHERE CASE WHEN current_setting('tracker.data_version_bumped', true) IS DISTINCT FROM txid_current()::text
                   THEN set_config('tracker.data_version_bumped', txid_current()::text, true) IS NOT NULL ELSE FALSE END
       RETURNING version)
     SELECT array_agg(id ORDER BY id)::text[] AS ids, pg_notify(${channel}, max(id)::text),
            coalesce((SELECT version FROM data_version_bump), (SELECT version FROM data_version))::text AS version
       FROM appended`,
    params,
  );
  return { ids, dataVersion: Number(version) };
}

export interface AppendedEvents {
  ids: string[];
  /** The data version this transaction commits as (null when nothing was appended). */
  dataVersion: number | null;
}

/** commitment_event's column types, for the VALUES list (whose literals would otherwise be text). */
const EVENT_COLUMN_TYPES = ['bigint', 'bigint', 'text', 'text', 'timestamptz', 'text', 'text', 'jsonb'];
