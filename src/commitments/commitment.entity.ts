import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { CommitmentKind } from '../domain/commitment-kinds';

/**
 * A promise made at an engagement. Its status is never stored: it is derived from its follow-ups
 * and their reports for whatever date is asked about.
 */
@Entity('commitment')
export class CommitmentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  kind!: CommitmentKind;

  /** Unique when set: the key a CSV import matches on. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ name: 'engagement_id', type: 'bigint', nullable: true })
  engagementId!: string | null;

  /** RFC 5545 RRULE without DTSTART; null for a one-off or undated promise. */
  @Column({ type: 'text', nullable: true })
  recurrence!: string | null;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn!: string | null;

  /** Recurring follow-ups exist as rows through this date; the scheduler moves it forward. */
  @Column({ name: 'materialized_through', type: 'date', nullable: true })
  materializedThrough!: string | null;

  /** Optimistic-locking counter, bumped by each write through the API that touches the commitment. */
  @VersionColumn({ type: 'int' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
