import { IsIn, IsISO8601, IsString, IsUUID, Matches } from 'class-validator';
import { ORGANISATION_NUMBER, REFERRAL_TYPES, ReferralType } from '../common';

export const REFERRAL_ACKNOWLEDGED_V1 = 'referral.acknowledged.v1';

/** A recipient's contact person confirmed they have the referral. */
export class ReferralAcknowledgedV1 {
  /** The referral's id (also the Kafka key). */
  @IsUUID()
  referralId!: string;

  /** Which of the four handovers this is. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** Organisation number of the recipient that acknowledged. */
  @Matches(ORGANISATION_NUMBER)
  recipientOrganisationNumber!: string;

  /** Directory id of the recipient unit that acknowledged. */
  @IsString()
  recipientUnitId!: string;

  /** User id (token subject) of the person who acknowledged. */
  @IsString()
  acknowledgedByUserId!: string;

  /** When it was acknowledged. */
  @IsISO8601({ strict: true })
  acknowledgedAt!: string;
}
