import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the statistics count, one row per referral: codes and dates from the referral events,
 * never who the person is. Keyed by referral, so a repeated event cannot count twice. A row counts
 * once its submitted event has arrived.
 */
@Entity({ name: 'referral_fact' })
@Index('referral_fact_month', ['referralType', 'municipalityNumber', 'anchorDate'])
export class ReferralFactOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  /** Null until the submitted event arrives (a date or an outcome on another topic may come first). */
  @Column('text', { name: 'referral_type', nullable: true })
  referralType!: string | null;

  @Column('text', { name: 'municipality_number', nullable: true })
  municipalityNumber!: string | null;

  /** The release or discharge date: the month the referral counts in. */
  @Column('date', { name: 'anchor_date', nullable: true })
  anchorDate!: string | null;

  /** When the anchor date was last set, so an older change never overwrites a newer one. */
  @Column('timestamptz', { name: 'anchor_set_at', nullable: true })
  anchorSetAt!: Date | null;

  /** The day (Oslo) the notice reached the hub. */
  @Column('date', { name: 'noticed_on', nullable: true })
  noticedOn!: string | null;

  /** The last reported housing outcome code (e.g. contract-signed, no-housing). */
  @Column('text', { name: 'housing_outcome', nullable: true })
  housingOutcome!: string | null;

  @Column('timestamptz', { name: 'outcome_at', nullable: true })
  outcomeAt!: Date | null;
}
