import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'consent' })
export class ConsentOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Fødselsnummer or D-number. Personal data: never logged, never published. */
  @Column('text', { name: 'person_national_id' })
  personNationalId!: string;

  @Column('text', { array: true })
  purposes!: string[];

  @Column('text', { name: 'receiving_organisations', array: true })
  receivingOrganisations!: string[];

  @Column('date', { name: 'valid_from' })
  validFrom!: string;

  @Column('date', { name: 'valid_to' })
  validTo!: string;

  @Column('text', { name: 'given_by' })
  givenBy!: string;

  @Column('text', { name: 'evidence_reference' })
  evidenceReference!: string;

  @Column('text', { name: 'registered_by_user' })
  registeredByUser!: string;

  @Column('text', { name: 'registered_by_organisation' })
  registeredByOrganisation!: string;

  @Column('text')
  status!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
