import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  DATE_ONLY,
  ORGANISATION_NUMBER,
  REFERRAL_TYPES,
  ReferralType,
  UNIT_KINDS,
  UnitKind,
} from '../common';

export const REFERRAL_ROUTED_V1 = 'routing.referral-routed.v1';

export const ASSIGNMENTS = ['primary', 'backup', 'team', 'unit-queue'] as const;
export type Assignment = (typeof ASSIGNMENTS)[number];

/** One receiving party and the person (or queue) that holds the referral there. */
export class RoutedRecipientV1 {
  /** Organisation number of the receiving organisation. */
  @Matches(ORGANISATION_NUMBER)
  organisationNumber!: string;

  /** Directory id of the receiving unit. */
  @IsString()
  unitId!: string;

  /** What kind of unit receives it. */
  @IsIn(UNIT_KINDS)
  unitKind!: UnitKind;

  /** Directory id of the contact person who holds it; null when it waits in the unit's queue. */
  @IsOptional()
  @IsString()
  contactPersonId!: string | null;

  /** Whether the primary, the backup or the unit queue got it. */
  @IsIn(ASSIGNMENTS)
  assignment!: Assignment;

  /** Stable code of the rule that decided, e.g. ROUTING.PRIMARY_AVAILABLE. */
  @IsString()
  reasonCode!: string;

  /** The decision in plain language, with ids only. */
  @IsString()
  reason!: string;
}

/** The routing service decided who receives a referral. */
export class ReferralRoutedV1 {
  /** The referral's id (also the Kafka key). */
  @IsUUID()
  referralId!: string;

  /** Which of the four handovers this is. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** Every receiving party with its holder. */
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => RoutedRecipientV1)
  recipients!: RoutedRecipientV1[];

  /** The sending organisation (lets the deadline service show a clock to both sides). */
  @IsOptional()
  @Matches(ORGANISATION_NUMBER)
  senderOrganisationNumber?: string | null;

  /** The date the case is anchored to (expected release, planned discharge), if known. */
  @IsOptional()
  @Matches(DATE_ONLY)
  anchorDate?: string | null;

  /** When the decision was made; the answer clocks start here. */
  @IsISO8601({ strict: true })
  routedAt!: string;
}
