import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { commitmentPagesCitingSources, CommitmentRow } from '../commitments/commitment.repository';
import { byKey, groupedByKey } from '../db/batch';
import type { PageRequest } from '../graphql/connection';
import { groupedLoader } from '../graphql/grouped-loader';
import { CitationRow, citationsOfCommitments, citationsOfEngagements, EngagementCitationRow, SourceRow, sourcesByIds } from './source.repository';

export function createSourceLoaders(db: DataSource) {
  return {
    sourceById: new DataLoader<string, SourceRow | null>(async (ids) => byKey(ids, await sourcesByIds(db, ids), (s) => s.id)),
    /** Commitment.sources, keyed by commitment and knownAt (null: now). */
    citationsByCommitment: groupedLoader<string | null, CitationRow[]>(async (knownAt, ids) => {
      const lists = groupedByKey(ids, await citationsOfCommitments(db, ids, knownAt), (c) => c.commitmentId);
      return new Map(ids.map((id, i) => [id, lists[i]]));
    }, () => []),
    citationsByEngagement: new DataLoader<string, EngagementCitationRow[]>(async (ids) =>
      groupedByKey(ids, await citationsOfEngagements(db, ids), (c) => c.engagementId),
    ),
    /** Source.citedBy: one page per source, all sources of a level in one batch. */
    citingCommitmentsBySource: groupedLoader<PageRequest, { rows: CommitmentRow[]; total: number }>(
      (page, ids) => commitmentPagesCitingSources(db, ids, page),
      () => ({ rows: [], total: 0 }),
    ),
  };
}
