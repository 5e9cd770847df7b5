import type { Queryable } from '../db/queryable';
import type { Status } from '../domain/status';
import type { FeedCriteria } from './feed-request';

/** One event with what its entry shows about it. */
export interface FeedEventRow {
  id: string;
  kind: string;
  occurredAt: Date;
  actor: string;
  previousStatus: Status | null;
  status: Status | null;
  details: Record<string, unknown> | null;
  commitmentId: string;
  commitmentTitle: string;
  followUpTitle: string | null;
  dueDate: string | null;
  parties: string[];
  sources: { title: string; publishedOn: string | null }[];
}

export const FEED_SIZE = 50;

/** The newest FEED_SIZE matching events, newest (last committed) first, in one statement. */
export async function newestFeedEvents(db: Queryable, c: FeedCriteria): Promise<FeedEventRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (c.kinds.length) where.push(`e.kind = ANY($${params.push(c.kinds)}::text[])`);
  if (c.commitmentIds.length) where.push(`e.commitment_id = ANY($${params.push(c.commitmentIds)}::bigint[])`);
  if (c.engagementIds.length) where.push(`c.engagement_id = ANY($${params.push(c.engagementIds)}::bigint[])`);
  if (c.partyIds.length) {
    where.push(`EXISTS (SELECT 1 FROM commitment_party cp WHERE cp.commitment_id = e.commitment_id AND cp.party_id = ANY($${params.push(c.partyIds)}::bigint[]))`);
  }
  return db.query(
    `SELECT e.id, e.kind, e.occurred_at AS "occurredAt", e.actor, e.previous_status AS "previousStatus", e.status, e.details,
            e.commitment_id AS "commitmentId", c.title AS "commitmentTitle", f.title AS "followUpTitle", f.due_date AS "dueDate",
            ARRAY(SELECT p.name FROM commitment_party cp JOIN party p ON p.id = cp.party_id WHERE cp.commitment_id = c.id ORDER BY p.name) AS parties,
            COALESCE((SELECT json_agg(json_build_object('title', s.title, 'publishedOn', s.published_on) ORDER BY s.published_on NULLS LAST, s.id)
                        FROM source_citation sc JOIN source s ON s.id = sc.source_id WHERE sc.commitment_id = c.id), '[]'::json) AS sources
       FROM commitment_event e
       JOIN commitment c ON c.id = e.commitment_id
       LEFT JOIN follow_up f ON f.id = e.follow_up_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY e.id DESC LIMIT ${FEED_SIZE}`,
    params,
  );
}

/**
 * When the last event recorded happened: the feeds' Last-Modified, for readers that send only
 * If-Modified-Since (the ETag, from the data version, changes with anything a feed shows). Read by
 * the primary key, never a scan.
 */
export async function latestEventTime(db: Queryable): Promise<Date | null> {
  const [row] = await db.query(`SELECT occurred_at AS "occurredAt" FROM commitment_event ORDER BY id DESC LIMIT 1`);
  return row?.occurredAt ?? null;
}
