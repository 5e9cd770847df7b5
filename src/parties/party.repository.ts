import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { PartyRole } from '../domain/commitment-kinds';
import { PartyEntity } from './party.entity';

export function listParties(db: DataSource): Promise<PartyEntity[]> {
  return db.getRepository(PartyEntity).find({ order: { code: 'ASC' } });
}

export function partiesByIds(db: DataSource, ids: readonly string[]): Promise<PartyEntity[]> {
  return db.query(`SELECT id, code, name FROM party WHERE id = ANY($1::bigint[])`, [ids]);
}

export function partiesByCodes(db: DataSource, codes: readonly string[]): Promise<PartyEntity[]> {
  return db.getRepository(PartyEntity).findBy({ code: In([...codes]) });
}

/** Responsible parties (the OBLIGORs) of many commitments in one statement. */
export async function partiesOfCommitments(db: DataSource, commitmentIds: readonly string[]): Promise<(PartyEntity & { commitmentId: string })[]> {
  return db.query(
    `SELECT cp.commitment_id AS "commitmentId", p.id, p.code, p.name
       FROM commitment_party cp JOIN party p ON p.id = cp.party_id
      WHERE cp.commitment_id = ANY($1::bigint[]) AND cp.role = 'OBLIGOR'
      ORDER BY p.code`,
    [commitmentIds],
  );
}

export interface CommitmentPartyRow {
  commitmentId: string;
  role: PartyRole;
  party: PartyEntity;
}

/** Every party of many commitments with its role, in one statement: obligors first, then by code. */
export async function partyRolesOfCommitments(db: DataSource, commitmentIds: readonly string[]): Promise<CommitmentPartyRow[]> {
  const rows: (PartyEntity & { commitmentId: string; role: PartyRole })[] = await db.query(
    `SELECT cp.commitment_id AS "commitmentId", cp.role, p.id, p.code, p.name
       FROM commitment_party cp JOIN party p ON p.id = cp.party_id
      WHERE cp.commitment_id = ANY($1::bigint[])
      ORDER BY array_position(ARRAY['OBLIGOR','BENEFICIARY','HOST'], cp.role), p.code`,
    [commitmentIds],
  );
  return rows.map(({ commitmentId, role, ...party }) => ({ commitmentId, role, party }));
}

/** The parties of many engagements, in one statement, by code. */
export async function partiesOfEngagements(db: DataSource, engagementIds: readonly string[]): Promise<(PartyEntity & { engagementId: string })[]> {
  return db.query(
    `SELECT ep.engagement_id AS "engagementId", p.id, p.code, p.name
       FROM engagement_party ep JOIN party p ON p.id = ep.party_id
      WHERE ep.engagement_id = ANY($1::bigint[])
      ORDER BY p.code`,
    [engagementIds],
  );
}
