import { Principal } from '@overgang/auth';

/** A read of one referral (its details or its history) by a person, within one request. */
export interface ReadReferralQuery {
  referralId: string;
  by: Principal;
  /** The request's correlation id, written to the access log with the read. */
  correlationId: string;
}
