import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { ORGANISATION_NUMBER, REFERRAL_TYPES, ReferralType } from '../common';

/** What must happen before a clock runs out (the deadline policy catalogue names one kind per clock). */
export const CLOCK_KINDS = [
  'acknowledge',
  'answer',
  'housing-outcome',
  'housing-plan',
  'confirm-deduction',
  'follow-up',
  'confirm-change',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** Fields every deadline event shares: which clock, for which referral and recipient. */
export abstract class ClockRefV1 {
  /** The clock's id. */
  @IsUUID()
  clockId!: string;

  /** The referral the clock watches (also the Kafka key). */
  @IsUUID()
  referralId!: string;

  /** Which of the four handovers this is. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** What must happen before the clock runs out. */
  @IsIn(CLOCK_KINDS)
  kind!: ClockKind;

  /** Organisation number of the recipient that must act. */
  @Matches(ORGANISATION_NUMBER)
  recipientOrganisationNumber!: string;

  /** Directory id of the recipient unit that must act. */
  @IsString()
  recipientUnitId!: string;
}
