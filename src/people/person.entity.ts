import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('person')
export class PersonEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'party_id', type: 'bigint' })
  partyId!: string;

  @Column({ name: 'institution_id', type: 'bigint', nullable: true })
  institutionId!: string | null;

  /** The office held at the time of the engagements recorded, as the sources give it. */
  @Column({ type: 'text', nullable: true })
  title!: string | null;
}
