import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const API_KEY_ROLES = ['EDITOR', 'ADMIN'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** A write credential. Only the SHA-256 of the key is kept; the key itself is shown once. */
@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  role!: ApiKeyRole;

  @Column({ name: 'key_hash', type: 'bytea', unique: true })
  keyHash!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
