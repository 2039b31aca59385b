import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who holds a referral in a receiving unit, and why. */
@Entity({ name: 'assignment' })
@Index('assignment_contact', ['contactPersonId'])
@Index('assignment_open_unit', ['unitId'], { where: 'closed_at IS NULL' })
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

  /** A second holder, given the referral when the first stayed silent past the acknowledgement deadline. */
  @Column('text', { name: 'co_holder_contact_person_id', nullable: true })
  coHolderContactPersonId!: string | null;

  @Column('text')
  assignment!: string;

  @Column('text', { name: 'reason_code' })
  reasonCode!: string;

  @Column('text')
  reason!: string;

  /** The candidates considered (ids, roles, absences, open load) and the unit's mode. */
  @Column('jsonb', { default: () => "'{}'" })
  explanation!: object;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt!: Date;

  /** Set when the referral ended: a closed assignment no longer counts as open load. */
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}

/** The routing service's view of a referral: what was submitted and where routing stands. */
@Entity({ name: 'routing_case' })
@Index('case_status', ['status'])
export class RoutingCaseOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('text', { name: 'referral_type' })
  referralType!: string;

  @Column('text', { name: 'municipality_number' })
  municipalityNumber!: string;

  @Column('text', { name: 'sender_organisation_number' })
  senderOrganisationNumber!: string;

  /** The referral.submitted.v1 payload (ids and routing facts only), kept to route again later. */
  @Column('jsonb')
  submitted!: object;

  /** routed, unroutable (waiting for the directory to be fixed) or closed */
  @Column('text')
  status!: string;

  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt!: Date;
}

/** Every change of holder after routing, for the referral's routing explanation. */
@Entity({ name: 'reassignment' })
@Index('reassignment_referral', ['referralId', 'at'])
export class ReassignmentOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('text', { name: 'unit_id' })
  unitId!: string;

  @Column('text', { name: 'from_contact_person_id', nullable: true })
  fromContactPersonId!: string | null;

  @Column('text', { name: 'to_contact_person_id', nullable: true })
  toContactPersonId!: string | null;

  @Column('text')
  mode!: string;

  @Column('text', { name: 'reason_code' })
  reasonCode!: string;

  @Column('text')
  reason!: string;

  @Column('timestamptz')
  at!: Date;
}

/** Each part (receiving unit kind) of a referral: routed to a unit, or parked with the hub's coordinators. */
@Entity({ name: 'routing_part' })
@Index('routing_part_parked', ['parkedAt'], { where: "status = 'parked'" })
export class RoutingPartOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @PrimaryColumn('text', { name: 'unit_kind' })
  unitKind!: string;

  /** parked or routed */
  @Column('text')
  status!: string;

  @Column('text', { name: 'unit_id', nullable: true })
  unitId!: string | null;

  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  /** When it was first parked: its age in the hub's queue counts from here. */
  @Column('timestamptz', { name: 'parked_at', nullable: true })
  parkedAt!: Date | null;

  @Column('timestamptz', { name: 'routed_at', nullable: true })
  routedAt!: Date | null;
}
