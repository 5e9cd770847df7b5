import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byKey, groupedByKey } from '../db/batch';
import { PartyEntity } from './party.entity';
import { CommitmentPartyRow, partiesByIds, partiesOfCommitments, partiesOfEngagements, partyRolesOfCommitments } from './party.repository';

export function createPartyLoaders(db: DataSource) {
  return {
    partyById: new DataLoader<string, PartyEntity | null>(async (ids) => byKey(ids, await partiesByIds(db, ids), (p) => p.id)),
    /** Commitment.responsibleParties: the OBLIGORs. */
    partiesByCommitment: new DataLoader<string, PartyEntity[]>(async (ids) =>
      groupedByKey(ids, await partiesOfCommitments(db, ids), (p) => p.commitmentId),
    ),
    /** Commitment.parties: every party with its role. */
    partyRolesByCommitment: new DataLoader<string, CommitmentPartyRow[]>(async (ids) =>
      groupedByKey(ids, await partyRolesOfCommitments(db, ids), (p) => p.commitmentId),
    ),
    partiesByEngagement: new DataLoader<string, PartyEntity[]>(async (ids) =>
      groupedByKey(ids, await partiesOfEngagements(db, ids), (p) => p.engagementId),
    ),
  };
}
