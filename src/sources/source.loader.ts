import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byKey, groupedByKey } from '../db/batch';
import { groupedLoader } from '../graphql/grouped-loader';
import { CitationRow, citationsOfCommitments, SourceRow, sourcesByIds } from './source.repository';

export function createSourceLoaders(db: DataSource) {
  return {
    sourceById: new DataLoader<string, SourceRow | null>(async (ids) => byKey(ids, await sourcesByIds(db, ids), (s) => s.id)),
    /** Commitment.sources, keyed by commitment and knownAt (null: now). */
    citationsByCommitment: groupedLoader<string | null, CitationRow[]>(async (knownAt, ids) => {
      const lists = groupedByKey(ids, await citationsOfCommitments(db, ids, knownAt), (c) => c.commitmentId);
      return new Map(ids.map((id, i) => [id, lists[i]]));
    }, () => []),
  };
}
