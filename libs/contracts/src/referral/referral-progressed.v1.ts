import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { ORGANISATION_NUMBER, REFERRAL_TYPES, ReferralType } from '../common';
import { REFERRAL_STATUSES, ReferralStatusCode } from './referral-statuses';
import { PROGRESSED_ACTIONS, ProgressedAction } from './referral-steps';

export const REFERRAL_PROGRESSED_V1 = 'referral.progressed.v1';

/**
 * A step in a referral's life was taken (answered, withdrawn, suspended, information requested,
 * housing outcome reported, ...). Codes only: free-text reasons stay in the referral service.
 */
export class ReferralProgressedV1 {
  /** The referral's id (also the Kafka key). */
  @IsUUID()
  referralId!: string;

  /** Which of the four handovers this is. */
  @IsIn(REFERRAL_TYPES)
  referralType!: ReferralType;

  /** The step, e.g. answer-assessment, withdraw, request-information, report-housing-outcome. */
  @IsIn(PROGRESSED_ACTIONS)
  action!: ProgressedAction;

  /** Status before the step. */
  @IsIn(REFERRAL_STATUSES)
  fromStatus!: ReferralStatusCode;

  /** Status after the step (the same when the step does not change it). */
  @IsIn(REFERRAL_STATUSES)
  toStatus!: ReferralStatusCode;

  /** Organisation number of the organisation that took the step (or the hub's, for automatic steps). */
  @Matches(ORGANISATION_NUMBER)
  actorOrganisationNumber!: string;

  /** The recipient unit the step concerns, when it concerns one. */
  @IsOptional()
  @IsString()
  recipientUnitId?: string | null;

  /** Stable code of a reason or outcome, e.g. CONSENT_WITHDRAWN, contract-signed. */
  @IsOptional()
  @Matches(/^[A-Za-z]+([-_.][A-Za-z]+)*$/)
  code?: string | null;

  /** When the step was taken. */
  @IsISO8601({ strict: true })
  at!: string;
}
