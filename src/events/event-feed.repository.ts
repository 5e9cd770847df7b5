import type { Queryable } from '../db/queryable';
import type { CalendarDate } from '../domain/dates';
import type { FollowUpFacts } from '../domain/status';
import type { Config } from '../config';
import type { CommitmentKind } from '../domain/commitment-kinds';
import type { SourceStance } from '../sources/source-citation.entity';
import { CommitmentCriteria, commitmentCriteriaSql } from '../commitments/commitment-criteria';
import type { StatusParams } from '../follow-ups/follow-up-status.sql';
import { bindKnownRelations } from '../known-at/known-at.sql';
import { CommitmentEventRow, EVENT_COLUMNS } from './commitment-event.repository';
import { BatchFacts, FactNeeds } from './event-filter';

/** Committed events after an id, in id order (which is commit order; see event-log.ts). */
export async function readEventsAfter(db: Queryable, afterId: string, limit: number): Promise<CommitmentEventRow[]> {
  return db.query(
    `SELECT ${EVENT_COLUMNS('e')} FROM commitment_event e WHERE e.id > $1::bigint ORDER BY e.id LIMIT $2`,
    [afterId, limit],
  );
}

/** The highest committed event id, '0' while there is none. */
export async function latestEventId(db: Queryable): Promise<string> {
  const [{ id }] = await db.query(`SELECT COALESCE(max(id), 0)::text AS id FROM commitment_event`);
  return id;
}

/** What subscription filters look at, for one commitment. */
export interface CommitmentFacts {
  id: string;
  title: string;
  description: string | null;
  engagementId: string | null;
  kind: CommitmentKind;
  /** The OBLIGORs. */
  partyIds: string[];
  /** Every party, whatever its role. */
  involvedPartyIds: string[];
  citations: { sourceId: string; stance: SourceStance }[];
  /** Loaded only when some filter needs due dates or statuses. */
  followUps?: (FollowUpFacts & { dueDate: CalendarDate | null })[];
}

/**
 * The facts of a batch's commitments in one statement, whatever the number of subscribers:
 * filters are then evaluated in memory against them.
 */
export async function loadCommitmentFacts(db: Queryable, commitmentIds: readonly string[], withFollowUps: boolean): Promise<Map<string, CommitmentFacts>> {
  if (!commitmentIds.length) return new Map();
  const followUps = withFollowUps
    ? `, COALESCE((
         SELECT json_agg(json_build_object('dueDate', f.due_date, 'reports', COALESCE((
                  SELECT json_agg(json_build_object(
                           'state', r.state, 'reportedOn', r.reported_on, 'sequence', r.id,
                           'superseded', EXISTS (SELECT 1 FROM progress_report s WHERE s.supersedes_id = r.id)))
                    FROM progress_report r WHERE r.follow_up_id = f.id), '[]'::json)))
           FROM follow_up f WHERE f.commitment_id = c.id), '[]'::json) AS "followUps"`
    : '';
  const rows: CommitmentFacts[] = await db.query(
    `SELECT c.id, c.title, c.description, c.engagement_id AS "engagementId", c.kind,
            ARRAY(SELECT cp.party_id::text FROM commitment_party cp WHERE cp.commitment_id = c.id AND cp.role = 'OBLIGOR') AS "partyIds",
            ARRAY(SELECT cp.party_id::text FROM commitment_party cp WHERE cp.commitment_id = c.id) AS "involvedPartyIds",
            COALESCE((SELECT json_agg(json_build_object('sourceId', sc.source_id::text, 'stance', sc.stance))
                        FROM source_citation sc WHERE sc.commitment_id = c.id), '[]'::json) AS citations${followUps}
       FROM commitment c WHERE c.id = ANY($1::bigint[])`,
    [[...new Set(commitmentIds)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The facts filters with these needs look at, for a batch of events (nothing read when none). */
export async function loadBatchFacts(
  db: Queryable,
  events: readonly CommitmentEventRow[],
  needs: FactNeeds,
  config: Pick<Config, 'dueSoonDays' | 'timeZone'>,
): Promise<BatchFacts> {
  const rows = needs === 'none' || !events.length ? new Map() : await loadCommitmentFacts(db, events.map((e) => e.commitmentId), needs === 'followUps');
  return new BatchFacts(rows, config.dueSoonDays, config.timeZone);
}

/** Committed events of some commitments after an id, in id order: an index range per commitment. */
export async function readEventsOfCommitmentsAfter(db: Queryable, afterId: string, commitmentIds: readonly string[], limit: number): Promise<CommitmentEventRow[]> {
  if (!commitmentIds.length) return [];
  return db.query(
    `SELECT ${EVENT_COLUMNS('e')} FROM commitment_event e
      WHERE e.commitment_id = ANY($2::bigint[]) AND e.id > $1::bigint ORDER BY e.id LIMIT $3`,
    [afterId, commitmentIds, limit],
  );
}

/**
 * The ids of the commitments matching the criteria's commitment-level parts (parties, engagement,
 * due dates, search; statuses are judged per event), at most `limit + 1` of them, so the caller can
 * tell "few" from "many". Null when those parts are all absent: every commitment may match.
 */
export async function commitmentIdsInScope(db: Queryable, criteria: CommitmentCriteria, limit: number): Promise<string[] | null> {
  const params: unknown[] = [];
  // Statuses are left out, so the status parameters are never bound.
  const where = commitmentCriteriaSql('c', { ...criteria, statuses: null }, params, NO_STATUS_PARAMS, 'NULL');
  if (!where.length) return null;
  const rows: { id: string }[] = await db.query(`SELECT c.id::text AS id FROM commitment c WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ${limit + 1}`, params);
  return rows.map((r) => r.id);
}

const NO_STATUS_PARAMS: StatusParams = {
  ...bindKnownRelations([], null),
  get asOf(): string {
    throw new Error('no status criterion is compiled here');
  },
  get dueSoonDays(): string {
    throw new Error('no status criterion is compiled here');
  },
};
