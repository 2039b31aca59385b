import { Caller, isSenderSide, ReferralParties } from './access';

/**
 * A recipient organisation the person withdrew consent for while the referral stays open for the
 * others (a partial withdrawal): it reads no personal details and is asked to stop processing.
 */
export function isWithheldFrom(organisationNumber: string, details: Record<string, unknown>): boolean {
  return Array.isArray(details.withheldFrom) && details.withheldFrom.includes(organisationNumber);
}

/**
 * Once the consent behind a referral is gone (withdrawn or expired), its recipients may no longer
 * read the person's details — also after the sender has withdrawn or cancelled it; the sender, who
 * holds the consent, still may. After a partial withdrawal only the withdrawn recipients may not.
 * The API says why.
 */
export function personalDataWithheld(
  caller: Caller,
  referral: ReferralParties & { details: Record<string, unknown> },
): { code: string; reason: string } | null {
  if (isSenderSide(caller, referral)) return null;
  if (!referral.details.suspensionReason && !isWithheldFrom(caller.organisationNumber, referral.details)) {
    return null;
  }
  const expired = referral.details.suspensionReason === 'CONSENT_EXPIRED';
  return {
    code: expired ? 'REFERRAL.CONSENT_EXPIRED' : 'REFERRAL.CONSENT_WITHDRAWN',
    reason: expired
      ? 'The consent behind this referral has expired: personal details are no longer shared with you. Stop processing and confirm it.'
      : 'The person has withdrawn the consent behind this referral: personal details are no longer shared with you. Stop processing and confirm it.',
  };
}
