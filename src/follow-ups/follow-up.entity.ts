import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One concrete deliverable of a commitment: the Q2 JWG meeting, the SPU being set up. */
@Entity('follow_up')
export class FollowUpEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'commitment_id', type: 'bigint' })
  commitmentId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  /** Position in the recurrence (0 = startsOn); null for a follow-up added by hand. */
  @Column({ type: 'int', nullable: true })
  occurrence!: number | null;

  /**
   * Earliest reportedOn among its effective DONE/MISSED/CANCELLED reports, kept by a trigger on
   * progress_report. A cache, not a status: it lets "open as of D" be the indexable test
   * `first_closed_on IS NULL OR first_closed_on > D`.
   */
  @Column({ name: 'first_closed_on', type: 'date', nullable: true, insert: false, update: false })
  firstClosedOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
