import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who holds a referral in a receiving unit, and why. */
@Entity({ name: 'assignment' })
@Index('assignment_contact', ['contactPersonId'])
export class AssignmentOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @PrimaryColumn('text', { name: 'unit_id' })
  unitId!: string;

  @Column('text', { name: 'referral_type' })
  referralType!: string;

  @Column('text', { name: 'organisation_number' })
  organisationNumber!: string;

  @Column('text', { name: 'contact_person_id', nullable: true })
  contactPersonId!: string | null;

  @Column('text')
  assignment!: string;

  @Column('text', { name: 'reason_code' })
  reasonCode!: string;

  @Column('text')
  reason!: string;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt!: Date;
}

/** A referral the directory could not route yet, kept for the hub's coordinators. */
@Entity({ name: 'unroutable_referral' })
export class UnroutableReferralOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('text', { name: 'referral_type' })
  referralType!: string;

  @Column('text', { name: 'municipality_number' })
  municipalityNumber!: string;

  @Column('text', { name: 'reason_code' })
  reasonCode!: string;

  @Column('text')
  reason!: string;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt!: Date;
}
