import { Caller } from './access';

/**
 * While a referral is suspended (consent withdrawn or expired), its recipients may no longer read
 * the person's details; the sender, who holds the consent, still may. The API says why.
 */
export function personalDataWithheld(
  caller: Caller,
  referral: { status: string; senderOrganisation: string; details: Record<string, unknown> },
): { code: string; reason: string } | null {
  if (referral.status !== 'suspended' || caller.organisationNumber === referral.senderOrganisation)
    return null;
  const expired = referral.details.suspensionReason === 'CONSENT_EXPIRED';
  return {
    code: expired ? 'REFERRAL.CONSENT_EXPIRED' : 'REFERRAL.CONSENT_WITHDRAWN',
    reason: expired
      ? 'The consent behind this referral has expired: personal details are no longer shared with you. Stop processing and confirm it.'
      : 'The person has withdrawn the consent behind this referral: personal details are no longer shared with you. Stop processing and confirm it.',
  };
}
