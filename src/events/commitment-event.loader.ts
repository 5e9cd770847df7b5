import type { Queryable } from '../db/queryable';
import type { PageRequest } from '../graphql/connection';
import { groupedLoader } from '../graphql/grouped-loader';
import { CommitmentEventRow, historyPagesOfCommitments } from './commitment-event.repository';

export function createCommitmentEventLoaders(db: Queryable) {
  return {
    /** Commitment.history: one page per commitment, all commitments of a level in one batch. */
    historyByCommitment: groupedLoader<PageRequest, { rows: CommitmentEventRow[]; total: number }>(
      (page, ids) => historyPagesOfCommitments(db, ids, page),
      () => ({ rows: [], total: 0 }),
    ),
  };
}
