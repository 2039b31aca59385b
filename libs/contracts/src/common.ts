/** The four handovers of the seeds (DOMAIN.md). */
export const REFERRAL_TYPES = [
  'release-notice',
  'discharge-notice',
  'benefit-deduction',
  'assessment-request',
] as const;
export type ReferralType = (typeof REFERRAL_TYPES)[number];

export const CONSENT_PURPOSES = [
  'release-housing',
  'discharge-housing',
  'benefit-deduction',
  'assessment',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const UNIT_KINDS = [
  'housing-service',
  'nav-social-services',
  'follow-up-substance-use',
  'follow-up-mental-health',
  'prison-social-services',
  'institution-ward',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ORGANISATION_NUMBER = /^\d{9}$/;
export const KOMMUNENUMMER = /^\d{4}$/;
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
