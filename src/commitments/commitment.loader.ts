import DataLoader from 'dataloader';
import { byKey } from '../db/batch';
import type { Queryable } from '../db/queryable';
import type { PageRequest } from '../graphql/connection';
import { groupedLoader } from '../graphql/grouped-loader';
import type { AsOfKnownAt } from '../follow-ups/follow-up.loader';
import { CommitmentAggregate, commitmentAggregates, commitmentPagesOfEngagements, CommitmentRow, commitmentsByIds } from './commitment.repository';

export function createCommitmentLoaders(db: Queryable, dueSoonDays: number) {
  return {
    commitmentById: new DataLoader<string, CommitmentRow | null>(async (ids) => byKey(ids, await commitmentsByIds(db, ids), (c) => c.id)),
    /** Commitments as known at an instant (their kind then; null when recorded later), for rows reached under a knownAt. */
    commitmentKnownAt: groupedLoader<string, CommitmentRow | null>(
      async (knownAt, ids) => new Map((await commitmentsByIds(db, ids, knownAt)).map((c) => [c.id, c])),
      () => null,
    ),
    /** Status and next due date, keyed by commitment, asOf and knownAt, for rows that do not carry them (see graphql/derived-fields.ts). */
    commitmentAggregate: groupedLoader<AsOfKnownAt, CommitmentAggregate>(
      ({ asOf, knownAt }, ids) => commitmentAggregates(db, ids, asOf, dueSoonDays, knownAt),
      () => ({ status: 'UNDATED', nextDueDate: null }),
    ),
    /** Engagement.commitments: one page per engagement, all engagements of a level in one batch. */
    commitmentsByEngagement: groupedLoader<PageRequest, { rows: CommitmentRow[]; total: number }>(
      (page, ids) => commitmentPagesOfEngagements(db, ids, page),
      () => ({ rows: [], total: 0 }),
    ),
  };
}
