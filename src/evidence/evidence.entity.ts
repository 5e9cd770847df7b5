import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SourceStance } from '../sources/source-citation.entity';

/**
 * What one source says about one progress report. Append-only, like reports: a trigger refuses
 * UPDATE and DELETE, so a report's verification can change only by evidence being added.
 */
@Entity('evidence')
export class EvidenceEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'progress_report_id', type: 'bigint' })
  reportId!: string;

  @Column({ name: 'source_id', type: 'bigint' })
  sourceId!: string;

  @Column({ type: 'text' })
  stance!: SourceStance;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The API key's name (or "seed") that recorded it. */
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
