import { ArrayNotEmpty, IsIn, IsISO8601, IsUUID, Matches } from 'class-validator';
import { CONSENT_PURPOSES, ConsentPurpose, DATE_ONLY, ORGANISATION_NUMBER } from '../common';

export const CONSENT_REGISTERED_V1 = 'consent.registered.v1';

/** A person's consent was registered. Names purposes and organisations, never the person. */
export class ConsentRegisteredV1 {
  /** The consent's id (also the Kafka key). */
  @IsUUID()
  consentId!: string;

  /** What the consent may be used for. */
  @ArrayNotEmpty()
  @IsIn(CONSENT_PURPOSES, { each: true })
  purposes!: ConsentPurpose[];

  /** Organisation numbers that may receive information under it. */
  @ArrayNotEmpty()
  @Matches(ORGANISATION_NUMBER, { each: true })
  receivingOrganisationNumbers!: string[];

  /** First day the consent holds. */
  @Matches(DATE_ONLY)
  validFrom!: string;

  /** Last day the consent holds. */
  @Matches(DATE_ONLY)
  validTo!: string;

  /** Organisation number of the organisation that registered it. */
  @Matches(ORGANISATION_NUMBER)
  registeredByOrganisationNumber!: string;

  /** When it was registered. */
  @IsISO8601({ strict: true })
  registeredAt!: string;
}
