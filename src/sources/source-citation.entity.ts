import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { STANCES, Stance } from '../domain/verification';

export const SOURCE_STANCES = STANCES;
export type SourceStance = Stance;

/** What one source says about one commitment. */
@Entity('source_citation')
export class SourceCitationEntity {
  @PrimaryColumn({ name: 'commitment_id', type: 'bigint' })
  commitmentId!: string;

  @PrimaryColumn({ name: 'source_id', type: 'bigint' })
  sourceId!: string;

  @Column({ type: 'text' })
  stance!: SourceStance;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
