import { RoutingCase } from '../../../domain/routing-case';

/** Referrals the directory cannot route yet, oldest first, each with the exact reason. */
export interface UnroutableReferralsResponseDto {
  items: Array<{
    referralId: string;
    referralType: string;
    municipalityNumber: string;
    senderOrganisationNumber: string;
    /** The expected release or discharge date (YYYY-MM-DD), null when the referral has none: how urgent it is. */
    anchorDate: string | null;
    reasonCode: string | null;
    reason: string | null;
    since: string;
  }>;
}

export function toUnroutableReferralsResponse(cases: RoutingCase[]): UnroutableReferralsResponseDto {
  return {
    items: cases.map((c) => ({
      referralId: c.referralId,
      referralType: c.referralType,
      municipalityNumber: c.municipalityNumber,
      senderOrganisationNumber: c.senderOrganisationNumber,
      anchorDate: c.submitted.anchorDate ?? null,
      reasonCode: c.reasonCode,
      reason: c.reason,
      since: c.decidedAt.toISOString(),
    })),
  };
}
