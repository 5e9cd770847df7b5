import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportedState } from '../domain/status';

/** A dated account of what happened to a follow-up. Append-only: corrections supersede. */
@Entity('progress_report')
export class ProgressReportEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'follow_up_id', type: 'bigint' })
  followUpId!: string;

  @Column({ type: 'text' })
  state!: ReportedState;

  @Column({ name: 'reported_on', type: 'date' })
  reportedOn!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'source_id', type: 'bigint', nullable: true })
  sourceId!: string | null;

  /** The earlier report this one corrects; that one then no longer counts. */
  @Column({ name: 'supersedes_id', type: 'bigint', nullable: true })
  supersedesId!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
