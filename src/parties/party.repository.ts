import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
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

/** Responsible parties of many commitments in one statement. */
export async function partiesOfCommitments(db: DataSource, commitmentIds: readonly string[]): Promise<(PartyEntity & { commitmentId: string })[]> {
  return db.query(
    `SELECT cp.commitment_id AS "commitmentId", p.id, p.code, p.name
       FROM commitment_party cp JOIN party p ON p.id = cp.party_id
      WHERE cp.commitment_id = ANY($1::bigint[])
      ORDER BY p.code`,
    [commitmentIds],
  );
}
