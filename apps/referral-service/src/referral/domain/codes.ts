import { ANCHOR_CHANGE_REASONS } from '@overgang/contracts';

/** Where a person to be released will live (release notice). */
export const HOUSING_SITUATIONS = ['has-home', 'no-home', 'cannot-return'] as const;
export type HousingSituation = (typeof HOUSING_SITUATIONS)[number];

/** Where a patient to be discharged will live (discharge notice). */
export const DISCHARGE_HOUSING = ['none', 'cannot-return', 'at-risk'] as const;
export type DischargeHousing = (typeof DISCHARGE_HOUSING)[number];

export const FOLLOW_UP_NEEDS = ['substance-use', 'mental-health', 'finances', 'other'] as const;
export type FollowUpNeed = (typeof FOLLOW_UP_NEEDS)[number];

/** The benefits NAV can deduct rent from. */
export const BENEFITS = [
  'uforetrygd',
  'arbeidsavklaringspenger',
  'alderspensjon',
  'sosialhjelp',
  'overgangsstonad',
  'other',
] as const;
export type Benefit = (typeof BENEFITS)[number];

/** Who can be asked for an assessment: NAV or a municipal follow-up service. */
export const ASSESSORS = [
  'nav-social-services',
  'follow-up-substance-use',
  'follow-up-mental-health',
] as const;
export type Assessor = (typeof ASSESSORS)[number];

export const HOUSING_OUTCOMES = [
  'application-received',
  'housing-granted',
  'contract-meeting-booked',
  'contract-signed',
  'no-housing',
] as const;
export type HousingOutcome = (typeof HOUSING_OUTCOMES)[number];

export const STOP_REASONS = ['by-request', 'tenancy-ended'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const RECOMMENDATIONS = ['grant', 'do-not-grant', 'needs-more-information'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** Why a sender moves a release date; a left-early or first-set date is not a move. */
export type ReleaseDateMove = Exclude<(typeof ANCHOR_CHANGE_REASONS)[number], 'left-early' | 'set'>;
export const RELEASE_DATE_MOVES = ANCHOR_CHANGE_REASONS.filter(
  (r): r is ReleaseDateMove => r !== 'left-early' && r !== 'set',
);
