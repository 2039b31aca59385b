import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'organisation' })
export class OrganisationOrmEntity {
  @PrimaryColumn('text', { name: 'organisation_number' })
  organisationNumber!: string;

  @Column('text')
  name!: string;

  @Column('text')
  type!: string;

  @Column('text', { name: 'municipality_number', nullable: true })
  municipalityNumber!: string | null;
}

@Entity({ name: 'unit' })
@Index('unit_organisation', ['organisationNumber'])
export class UnitOrmEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'organisation_number' })
  organisationNumber!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  receives!: string[];

  @Column('text', { default: 'primary-backup' })
  mode!: string;
}

/** A named contact person. Employee contact data only: no citizen's personal data lives here. */
@Entity({ name: 'contact_person' })
@Index('contact_unit', ['unitId'])
export class ContactPersonOrmEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'unit_id' })
  unitId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  email!: string;

  @Column('text')
  phone!: string;

  @Column('text')
  role!: string;

  @Column('text', { name: 'referral_types', array: true })
  referralTypes!: string[];

  @Column('boolean', { default: true })
  active!: boolean;
}

@Entity({ name: 'absence' })
@Index('absence_contact', ['contactPersonId', 'toDate'])
export class AbsenceOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'contact_person_id' })
  contactPersonId!: string;

  @Column('date', { name: 'from_date' })
  fromDate!: string;

  @Column('date', { name: 'to_date' })
  toDate!: string;

  @Column('text')
  reason!: string;

  @Column('text', { name: 'registered_by' })
  registeredBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Which NAV office serves which municipality. */
@Entity({ name: 'nav_coverage' })
export class NavCoverageOrmEntity {
  @PrimaryColumn('text', { name: 'municipality_number' })
  municipalityNumber!: string;

  @Column('text', { name: 'nav_organisation_number' })
  navOrganisationNumber!: string;
}

/** One row; the version increases with every change that alters who receives what. */
@Entity({ name: 'directory_state' })
export class DirectoryStateOrmEntity {
  @PrimaryColumn('int')
  id!: number;

  @Column('int')
  version!: number;
}
