import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who speaks through a source (not its format): see the contract's `enum SourceKind`. */
export const SOURCE_KINDS = ['OFFICIAL', 'STATE_MEDIA', 'INDEPENDENT_MEDIA', 'RESEARCH', 'OTHER'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A published account (article, press release) that claims rest on. */
@Entity('source')
export class SourceEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  outlet!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn!: string | null;

  /** Null while unknown. */
  @Column({ type: 'text', nullable: true })
  kind!: SourceKind | null;

  /** The party whose government or state speaks through it; null for an independent source. */
  @Column({ name: 'affiliation_party_id', type: 'bigint', nullable: true })
  affiliationPartyId!: string | null;

  /** Unique when set: the key a CSV import matches on. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
