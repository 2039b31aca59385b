import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { ORGANISATION_NUMBER, REFERRAL_TYPES, ReferralType } from '../common';

export const REFERRAL_REASSIGNED_V1 = 'routing.referral-reassigned.v1';

/** A referral's holder in a unit changed: moved to another person, or a second holder added. */
export class ReferralReassignedV1 {
  /** The referral's id (also the Kafka key). */
  @IsUUID()
  referralId!: string;

  /** Which of the four handovers this is. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** Organisation number of the receiving organisation. */
  @Matches(ORGANISATION_NUMBER)
  organisationNumber!: string;

  /** Directory id of the receiving unit. */
  @IsString()
  unitId!: string;

  /** Who held it before (null when it waited in the unit's queue). */
  @IsOptional()
  @IsString()
  fromContactPersonId!: string | null;

  /** Who holds it now (null when it went back to the unit's queue). */
  @IsOptional()
  @IsString()
  toContactPersonId!: string | null;

  /** moved: the holder changed; added: a second holder shares it (the first stays). */
  @IsIn(['moved', 'added'])
  mode!: 'moved' | 'added';

  /** Stable code of the rule, e.g. ROUTING.HOLDER_ABSENT, ROUTING.ACK_SILENCE, ROUTING.COORDINATOR_ASSIGNED. */
  @IsString()
  reasonCode!: string;

  /** The decision in plain language, with ids only. */
  @IsString()
  reason!: string;

  /** The coordinator who assigned or took it over by hand (user id); absent or null when a rule moved it. */
  @IsOptional()
  @IsString()
  assignedByUserId?: string | null;

  /** When it happened. */
  @IsISO8601({ strict: true })
  reassignedAt!: string;
}
