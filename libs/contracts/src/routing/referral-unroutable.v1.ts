import { ArrayNotEmpty, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { REFERRAL_TYPES, ReferralType, UNIT_KINDS, UnitKind } from '../common';

export const REFERRAL_UNROUTABLE_V1 = 'routing.referral-unroutable.v1';

/**
 * The directory could not name a receiver for some or all of a referral's parts (unit kinds); the
 * hub's coordinators hold those parts. The parts that could be routed went out in
 * referral.routed.v1 and are not held back.
 */
export class ReferralUnroutableV1 {
  /** The referral's id (also the Kafka key). */
  @IsUUID()
  referralId!: string;

  /** Which of the four handovers this is. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** Stable code of the gap (of the first parked part), e.g. ROUTING.UNKNOWN_MUNICIPALITY. */
  @IsString()
  reasonCode!: string;

  /** The gap in plain language, with ids only (every parked part's). */
  @IsString()
  reason!: string;

  /** When routing gave up for now. */
  @IsISO8601({ strict: true })
  decidedAt!: string;

  /** The unit kinds parked with the hub's coordinators; absent from a producer before parts existed (all of them). */
  @IsOptional()
  @ArrayNotEmpty()
  @IsIn(UNIT_KINDS, { each: true })
  unitKinds?: UnitKind[];

  /** True when other parts of the referral are routed already; absent or false when none is. */
  @IsOptional()
  @IsBoolean()
  partial?: boolean;
}
