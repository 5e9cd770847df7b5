import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who attended an engagement, in what capacity. */
@Entity('engagement_participant')
export class EngagementParticipantEntity {
  @PrimaryColumn({ name: 'engagement_id', type: 'bigint' })
  engagementId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'bigint' })
  personId!: string;

  @Column({ type: 'text', nullable: true })
  role!: string | null;
}
