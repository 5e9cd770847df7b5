import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Status } from '../domain/status';

/**
 * CREATED, UPDATED, PROGRESS_REPORTED, REPORT_CORRECTED and EVIDENCE_ADDED record one accepted
 * write each (the commitment's version counts them). STATUS_CHANGED, KIND_CHANGED and
 * DEADLINE_MOVED record a consequence: they come with the write that caused them (an UPDATED for
 * a kind or due date edited), or from the scheduler when time alone moves a status.
 */
export const EVENT_KINDS = [
  'CREATED', 'UPDATED', 'PROGRESS_REPORTED', 'STATUS_CHANGED', 'EVIDENCE_ADDED', 'KIND_CHANGED', 'DEADLINE_MOVED', 'REPORT_CORRECTED',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * The append-only history of every change. Rows are written in the same transaction as the
 * change, under a lock that makes ids increase in commit order, so the id is a resumable cursor.
 */
@Entity('commitment_event')
export class CommitmentEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'commitment_id', type: 'bigint' })
  commitmentId!: string;

  @Column({ name: 'follow_up_id', type: 'bigint', nullable: true })
  followUpId!: string | null;

  @Column({ type: 'text' })
  kind!: EventKind;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** Who made the change: an API key's name, "scheduler", or "seed". */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'previous_status', type: 'text', nullable: true })
  previousStatus!: Status | null;

  @Column({ type: 'text', nullable: true })
  status!: Status | null;

  /** Before/after values of edited fields, or the report recorded. */
  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;
}
