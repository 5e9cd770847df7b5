import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CommitmentCriteria } from '../commitments/commitment-criteria';
import type { EventKind } from '../events/commitment-event.entity';

/**
 * A subscriber to the event log over HTTP, and how far its deliveries have got (see the migration
 * Webhooks for the cursor and lease). The secret is kept only as AES-256-GCM ciphertext.
 */
@Entity('webhook')
export class WebhookEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text' })
  url!: string;

  /** The CommitmentFilter as checked at creation, resolved to database ids. */
  @Column({ type: 'jsonb' })
  criteria!: CommitmentCriteria;

  /** Empty: every kind. */
  @Column({ type: 'text', array: true })
  kinds!: EventKind[];

  @Column({ name: 'secret_encrypted', type: 'text' })
  secretEncrypted!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The API key that created it. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  /** Every event up to this id has been delivered, or did not match. */
  @Column({ name: 'delivered_through', type: 'bigint' })
  deliveredThrough!: string;

  /** Failed attempts at the event after deliveredThrough. */
  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Column({ name: 'last_delivered_at', type: 'timestamptz', nullable: true })
  lastDeliveredAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'leased_until', type: 'timestamptz', nullable: true })
  leasedUntil!: Date | null;

  @Column({ name: 'lease_token', type: 'uuid', nullable: true })
  leaseToken!: string | null;
}
