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

/** What kind of organisation a directory entry is; a role is valid only in the types it belongs to. */
export const ORGANISATION_TYPES = [
  'municipality',
  'nav-office',
  'prison',
  'probation-office',
  'health-trust',
  'institution',
  'hub',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_NUMBER = /^\d{9}$/;
export const KOMMUNENUMMER = /^\d{4}$/;
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Unit kinds that can receive each referral type (DOMAIN.md). */
export const POSSIBLE_RECEIVERS: Record<ReferralType, readonly UnitKind[]> = {
  'release-notice': ['housing-service', 'nav-social-services'],
  'discharge-notice': ['housing-service', 'nav-social-services'],
  'benefit-deduction': ['nav-social-services'],
  'assessment-request': ['nav-social-services', 'follow-up-substance-use', 'follow-up-mental-health'],
};

/**
 * Who must receive a referral: a release notice goes to the housing service and NAV; a discharge
 * notice to the housing service, and NAV when asked; a benefit deduction to NAV; an assessment
 * request to the service asked. The referral service (consent check) and the routing service
 * (routing) both apply this one rule.
 */
export function receivingUnitKinds(
  type: ReferralType,
  options: { includeNav?: boolean; assessedBy?: UnitKind } = {},
): UnitKind[] {
  switch (type) {
    case 'release-notice':
      return ['housing-service', 'nav-social-services'];
    case 'discharge-notice':
      return options.includeNav ? ['housing-service', 'nav-social-services'] : ['housing-service'];
    case 'benefit-deduction':
      return ['nav-social-services'];
    case 'assessment-request':
      return [options.assessedBy ?? 'nav-social-services'];
  }
}
