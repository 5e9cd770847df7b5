import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byKey, groupedByKey } from '../db/batch';
import { PartyEntity } from './party.entity';
import { partiesByIds, partiesOfCommitments } from './party.repository';

export function createPartyLoaders(db: DataSource) {
  return {
    partyById: new DataLoader<string, PartyEntity | null>(async (ids) => byKey(ids, await partiesByIds(db, ids), (p) => p.id)),
    partiesByCommitment: new DataLoader<string, PartyEntity[]>(async (ids) =>
      groupedByKey(ids, await partiesOfCommitments(db, ids), (p) => p.commitmentId),
    ),
  };
}
