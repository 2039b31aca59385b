import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One deadline clock: a recipient must act before due_at. */
@Entity({ name: 'clock' })
@Unique('clock_per_recipient', ['referralId', 'recipientUnitId', 'kind'])
@Index('clock_due_open', ['dueAt'], { where: `status = 'open'` })
@Index('clock_organisation', ['recipientOrganisationNumber', 'status'])
export class ClockOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('text', { name: 'referral_type' })
  referralType!: string;

  @Column('text')
  kind!: string;

  @Column('text', { name: 'recipient_organisation_number' })
  recipientOrganisationNumber!: string;

  @Column('text', { name: 'recipient_unit_id' })
  recipientUnitId!: string;

  @Column('text', { name: 'holder_contact_person_id', nullable: true })
  holderContactPersonId!: string | null;

  @Column('text')
  policy!: string;

  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('text')
  status!: string;

  @Column('timestamptz', { name: 'met_at', nullable: true })
  metAt!: Date | null;

  @Column('timestamptz', { name: 'breached_at', nullable: true })
  breachedAt!: Date | null;

  /** Set while paused: paused time is added to the due time on resume. */
  @Column('timestamptz', { name: 'paused_at', nullable: true })
  pausedAt!: Date | null;

  /** Why it is paused or was cancelled (a code). */
  @Column('text', { name: 'paused_reason', nullable: true })
  pausedReason!: string | null;
}

/**
 * A recipient acted before its clock was opened here (events on different topics can arrive in
 * either order); the clock is opened and met at once when it arrives.
 */
@Entity({ name: 'early_stop' })
export class EarlyStopOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @PrimaryColumn('text', { name: 'recipient_unit_id' })
  recipientUnitId!: string;

  @PrimaryColumn('text')
  kind!: string;

  @Column('timestamptz')
  at!: Date;
}
