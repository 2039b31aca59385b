import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One deadline clock: a recipient must do something (acknowledge, answer, ...) before due_at. */
@Entity({ name: 'clock' })
@Unique('clock_per_recipient_round', ['referralId', 'recipientUnitId', 'kind', 'round'])
@Index('clock_organisation', ['recipientOrganisationNumber', 'status'])
@Index('clock_referral', ['referralId'])
export class ClockOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('text', { name: 'referral_type' })
  referralType!: string;

  @Column('text')
  kind!: string;

  /** 1 for a clock the routing opened; a step opens round 2, 3, ... once the last round closed. */
  @Column('int', { default: 1 })
  round!: number;

  /** The step that opened the clock (LEFT_EARLY, DEDUCTION_CHANGE_REQUESTED, READMITTED); null: the routing. */
  @Column('text', { name: 'opened_reason', nullable: true })
  openedReason!: string | null;

  @Column('text', { name: 'recipient_organisation_number' })
  recipientOrganisationNumber!: string;

  @Column('text', { name: 'recipient_unit_id' })
  recipientUnitId!: string;

  @Column('text', { name: 'unit_kind' })
  unitKind!: string;

  @Column('text', { name: 'holder_contact_person_id', nullable: true })
  holderContactPersonId!: string | null;

  /** A second holder, given the referral when the first stayed silent past the acknowledgement deadline. */
  @Column('text', { name: 'co_holder_contact_person_id', nullable: true })
  coHolderContactPersonId!: string | null;

  @Column('text', { name: 'sender_organisation_number', nullable: true })
  senderOrganisationNumber!: string | null;

  /** Policy id from the catalogue, e.g. release-notice.housing-outcome. */
  @Column('text')
  policy!: string;

  @Column('int', { name: 'catalogue_version' })
  catalogueVersion!: number;

  @Column('date', { name: 'anchor_date', nullable: true })
  anchorDate!: string | null;

  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  /** open, paused, met, breached (still owed), cancelled */
  @Column('text')
  status!: string;

  @Column('timestamptz', { name: 'met_at', nullable: true })
  metAt!: Date | null;

  @Column('timestamptz', { name: 'breached_at', nullable: true })
  breachedAt!: Date | null;

  @Column('timestamptz', { name: 'paused_at', nullable: true })
  pausedAt!: Date | null;

  @Column('text', { name: 'paused_reason', nullable: true })
  pausedReason!: string | null;

  /** How the due time was computed (policy, days counted, days skipped, pauses). */
  @Column('jsonb')
  explanation!: object;

  /** Order of the referral event that last paused or resumed the clock, so an older one is ignored. */
  @Column('bigint', { name: 'pause_sequence', nullable: true })
  pauseSequence!: string | null;

  @Column('timestamptz', { name: 'pause_event_at', nullable: true })
  pauseEventAt!: Date | null;

  /** When the recipient heard of the current anchor date: the notice counts from here. */
  @Column('timestamptz', { name: 'notice_from', nullable: true })
  noticeFrom!: Date | null;

  /** Working days between that notice and the anchor date (anchored clocks only). */
  @Column('int', { name: 'notice_given_days', nullable: true })
  noticeGivenDays!: number | null;

  /** The policy's lead time when the clock was opened or moved (anchored clocks only). */
  @Column('int', { name: 'lead_time_days', nullable: true })
  leadTimeDays!: number | null;

  /** Less notice than the lead time: a breach is counted against the notice, not the recipient. */
  @Column('boolean', { name: 'short_notice', default: false })
  shortNotice!: boolean;

  /** The opening or latest move: the clock is due no sooner than the policy's minimum response after it. */
  @Column('timestamptz', { name: 'respond_from', nullable: true })
  respondFrom!: Date | null;

  /** Met after its due time: a late answer in every figure, breach announced or not. */
  @Column('boolean', { name: 'met_late', default: false })
  metLate!: boolean;
}

/** The pause ledger: paused time does not count. */
@Entity({ name: 'clock_pause' })
@Index('pause_clock', ['clockId', 'fromAt'])
export class ClockPauseOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'clock_id' })
  clockId!: string;

  @Column('timestamptz', { name: 'from_at' })
  fromAt!: Date;

  @Column('timestamptz', { name: 'to_at', nullable: true })
  toAt!: Date | null;

  @Column('text')
  reason!: string;
}

/** Every move of a clock's due time, with the reason. */
@Entity({ name: 'clock_change' })
@Index('change_clock', ['clockId', 'at'])
export class ClockChangeOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'clock_id' })
  clockId!: string;

  @Column('timestamptz')
  at!: Date;

  @Column('text')
  reason!: string;

  @Column('timestamptz', { name: 'from_due', nullable: true })
  fromDue!: Date | null;

  @Column('timestamptz', { name: 'to_due', nullable: true })
  toDue!: Date | null;

  @Column('date', { name: 'anchor_from', nullable: true })
  anchorFrom!: string | null;

  @Column('date', { name: 'anchor_to', nullable: true })
  anchorTo!: string | null;
}

/**
 * One rung of a clock's warning ladder. The scheduler claims due rows with SKIP LOCKED and marks
 * them fired in the same transaction as the event it writes, so each rung fires exactly once;
 * fire_at is null while the clock is paused or closed, so only what is due is ever looked at.
 */
@Entity({ name: 'clock_rung' })
@Index('rung_due', ['fireAt'], { where: 'fired_at IS NULL AND fire_at IS NOT NULL' })
export class ClockRungOrmEntity {
  @PrimaryColumn('uuid', { name: 'clock_id' })
  clockId!: string;

  @PrimaryColumn('text', { name: 'rung_id' })
  rungId!: string;

  @Column('timestamptz', { name: 'fire_at', nullable: true })
  fireAt!: Date | null;

  @Column('timestamptz', { name: 'fired_at', nullable: true })
  firedAt!: Date | null;

  /** fired, or skipped when a later rung (the breach) had already overtaken a warning. */
  @Column('text', { nullable: true })
  outcome!: string | null;
}

/**
 * A fact that arrived before the clock it concerns (events on different topics can arrive in
 * either order): applied when the clock opens.
 */
@Entity({ name: 'early_stop' })
export class EarlyStopOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @PrimaryColumn('text', { name: 'recipient_unit_id' })
  recipientUnitId!: string;

  /** The catalogue event (acknowledged, answered, ...). */
  @PrimaryColumn('text')
  kind!: string;

  @Column('timestamptz')
  at!: Date;
}

/** The latest known anchor date per referral (release or discharge date). */
@Entity({ name: 'referral_anchor' })
export class ReferralAnchorOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('date', { name: 'anchor_date' })
  anchorDate!: string;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;

  /** The referral service's sequence of the change, so an older change is ignored. */
  @Column('bigint', { nullable: true })
  sequence!: string | null;
}

/**
 * Who holds a referral in a recipient unit, as the routing service last said (routed, then moved or
 * a second holder added), with the order of what set each: the unit's clocks follow it, and an
 * older routing event never puts a previous holder back.
 */
@Entity({ name: 'unit_holder' })
export class UnitHolderOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @PrimaryColumn('text', { name: 'unit_id' })
  unitId!: string;

  @Column('text', { name: 'holder_contact_person_id', nullable: true })
  holderContactPersonId!: string | null;

  @Column('bigint', { name: 'holder_sequence', nullable: true })
  holderSequence!: string | null;

  @Column('timestamptz', { name: 'holder_at', nullable: true })
  holderAt!: Date | null;

  @Column('text', { name: 'co_holder_contact_person_id', nullable: true })
  coHolderContactPersonId!: string | null;

  @Column('bigint', { name: 'co_holder_sequence', nullable: true })
  coHolderSequence!: string | null;

  @Column('timestamptz', { name: 'co_holder_at', nullable: true })
  coHolderAt!: Date | null;
}
