import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import {
  DATE_ONLY,
  KOMMUNENUMMER,
  ORGANISATION_NUMBER,
  REFERRAL_TYPES,
  ReferralType,
  UNIT_KINDS,
  UnitKind,
} from '../common';

export const REFERRAL_SUBMITTED_V1 = 'referral.submitted.v1';

/** A sender handed a referral to the hub. Carries routing facts only, never who the person is. */
export class ReferralSubmittedV1 {
  /** The referral's id (also the Kafka key). */
  @IsUUID()
  referralId!: string;

  /** Which of the four handovers this is. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** Organisation number of the sending organisation (e.g. the prison). */
  @Matches(ORGANISATION_NUMBER)
  senderOrganisationNumber!: string;

  /** Directory id of the sending unit, when the sender belongs to one. */
  @IsOptional()
  @IsString()
  senderUnitId?: string | null;

  /** Kommunenummer of the municipality that should receive it (where the person will live). */
  @Matches(KOMMUNENUMMER)
  municipalityNumber!: string;

  /** The consent the referral relies on. */
  @IsUUID()
  consentId!: string;

  /** Organisation numbers the consent lets receive this referral. */
  @Matches(ORGANISATION_NUMBER, { each: true })
  consentedRecipientOrganisationNumbers!: string[];

  /** The date the case is anchored to (expected release or discharge date), if any. */
  @IsOptional()
  @Matches(DATE_ONLY)
  anchorDate?: string | null;

  /** The kinds of unit that must receive it (see receivingUnitKinds); absent means the type's default. */
  @IsOptional()
  @IsIn(UNIT_KINDS, { each: true })
  receivingUnitKinds?: UnitKind[];

  /** When the referral was accepted. */
  @IsISO8601({ strict: true })
  submittedAt!: string;
}
