import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PartyRole } from '../domain/commitment-kinds';

/** A party involved in a commitment, once, with its role; the OBLIGORs are its responsible parties. */
@Entity('commitment_party')
export class CommitmentPartyEntity {
  @PrimaryColumn({ name: 'commitment_id', type: 'bigint' })
  commitmentId!: string;

  @PrimaryColumn({ name: 'party_id', type: 'bigint' })
  partyId!: string;

  @Column({ type: 'text' })
  role!: PartyRole;
}
