import { IsIn, IsISO8601, IsUUID, Matches } from 'class-validator';
import { CONSENT_PURPOSES, ConsentPurpose, ORGANISATION_NUMBER } from '../common';

export const CONSENT_WITHDRAWN_V1 = 'consent.withdrawn.v1';

/** The person withdrew a consent, wholly or for some organisations or purposes. */
export class ConsentWithdrawnV1 {
  /** The consent's id (also the Kafka key). */
  @IsUUID()
  consentId!: string;

  /** Whole, or only for the organisations and purposes listed. */
  @IsIn(['whole', 'partial'])
  scope!: 'whole' | 'partial';

  /** Organisations that may no longer receive (empty when the scope is whole or only purposes). */
  @Matches(ORGANISATION_NUMBER, { each: true })
  organisationNumbers!: string[];

  /** Purposes it no longer covers (empty when the scope is whole or only organisations). */
  @IsIn(CONSENT_PURPOSES, { each: true })
  purposes!: ConsentPurpose[];

  /** When the withdrawal was registered. */
  @IsISO8601({ strict: true })
  withdrawnAt!: string;
}
