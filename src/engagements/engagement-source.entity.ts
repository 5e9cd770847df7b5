import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { SourceStance } from '../sources/source-citation.entity';

/** What one source says about an engagement (CONFIRMS: it reports the meeting). */
@Entity('engagement_source')
export class EngagementSourceEntity {
  @PrimaryColumn({ name: 'engagement_id', type: 'bigint' })
  engagementId!: string;

  @PrimaryColumn({ name: 'source_id', type: 'bigint' })
  sourceId!: string;

  @Column({ type: 'text' })
  stance!: SourceStance;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
