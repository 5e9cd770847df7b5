import { Entity, PrimaryColumn } from 'typeorm';

/** A party responsible for delivering a commitment. */
@Entity('commitment_party')
export class CommitmentPartyEntity {
  @PrimaryColumn({ name: 'commitment_id', type: 'bigint' })
  commitmentId!: string;

  @PrimaryColumn({ name: 'party_id', type: 'bigint' })
  partyId!: string;
}
