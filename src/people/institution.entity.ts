import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A ministry, agency or other body of one party (e.g. Pakistan's NCCIA). */
@Entity('institution')
export class InstitutionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'party_id', type: 'bigint' })
  partyId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  acronym!: string | null;
}
