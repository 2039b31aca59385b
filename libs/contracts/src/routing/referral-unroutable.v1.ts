import { IsIn, IsISO8601, IsString, IsUUID } from 'class-validator';
import { REFERRAL_TYPES, ReferralType } from '../common';

export const REFERRAL_UNROUTABLE_V1 = 'routing.referral-unroutable.v1';

/** The directory could not name a receiver; the hub's coordinators hold the referral. */
export class ReferralUnroutableV1 {
  /** The referral's id (also the Kafka key). */
  @IsUUID()
  referralId!: string;

  /** Which of the four handovers this is. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** Stable code of the gap, e.g. ROUTING.UNKNOWN_MUNICIPALITY. */
  @IsString()
  reasonCode!: string;

  /** The gap in plain language, with ids only. */
  @IsString()
  reason!: string;

  /** When routing gave up for now. */
  @IsISO8601({ strict: true })
  decidedAt!: string;
}
