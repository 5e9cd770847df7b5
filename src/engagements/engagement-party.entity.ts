import { Entity, PrimaryColumn } from 'typeorm';

/** A party that took part in an engagement. */
@Entity('engagement_party')
export class EngagementPartyEntity {
  @PrimaryColumn({ name: 'engagement_id', type: 'bigint' })
  engagementId!: string;

  @PrimaryColumn({ name: 'party_id', type: 'bigint' })
  partyId!: string;
}
