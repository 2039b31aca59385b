import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { DATE_ONLY, REFERRAL_TYPES, ReferralType } from '../common';

export const REFERRAL_ANCHOR_DATE_CHANGED_V1 = 'referral.anchor-date-changed.v1';

export const ANCHOR_KINDS = ['expected-release', 'planned-discharge'] as const;
export const ANCHOR_CHANGE_REASONS = [
  'brought-forward',
  'postponed',
  'corrected',
  'set',
  'left-early',
] as const;

/** The date a case is anchored to moved (an early release, a discharge date set or changed). */
export class ReferralAnchorDateChangedV1 {
  /** The referral's id (also the Kafka key). */
  @IsUUID()
  referralId!: string;

  /** Which of the four handovers this is. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** Which date moved. */
  @IsIn(ANCHOR_KINDS)
  anchorKind!: (typeof ANCHOR_KINDS)[number];

  /** The date before (null when it was unknown). */
  @IsOptional()
  @Matches(DATE_ONLY)
  from?: string | null;

  /** The new date. */
  @Matches(DATE_ONLY)
  to!: string;

  /** Why, as a code. */
  @IsIn(ANCHOR_CHANGE_REASONS)
  reasonCode!: (typeof ANCHOR_CHANGE_REASONS)[number];

  /** When it was recorded. */
  @IsISO8601({ strict: true })
  changedAt!: string;
}
