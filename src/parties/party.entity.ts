import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A state taking part in commitments, keyed by its ISO 3166-1 alpha-2 code. */
@Entity('party')
export class PartyEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;
}
