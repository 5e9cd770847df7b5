import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SOURCE_KINDS = ['ARTICLE', 'PRESS_RELEASE', 'STATEMENT', 'OTHER'] as const;
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

  @Column({ type: 'text', default: 'ARTICLE' })
  kind!: SourceKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
