import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byKey, groupedByKey } from '../db/batch';
import { CitationRow, citationsOfCommitments, SourceRow, sourcesByIds } from './source.repository';

export function createSourceLoaders(db: DataSource) {
  return {
    sourceById: new DataLoader<string, SourceRow | null>(async (ids) => byKey(ids, await sourcesByIds(db, ids), (s) => s.id)),
    citationsByCommitment: new DataLoader<string, CitationRow[]>(async (ids) =>
      groupedByKey(ids, await citationsOfCommitments(db, ids), (c) => c.commitmentId),
    ),
  };
}
