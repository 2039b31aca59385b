import { DomainError } from '@overgang/core';

export interface Consent {
  id: string;
  personNationalId: string;
  purposes: string[];
  receivingOrganisations: string[];
  validFrom: string;
  validTo: string;
  status: 'active' | 'withdrawn';
}

export interface ConsentUse {
  personNationalId: string;
  purpose: string;
  /** Organisation numbers that will receive the referral. */
  recipients: string[];
  /** Today's date in Oslo (YYYY-MM-DD). */
  today: string;
}

const refuse = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, 'unprocessable', { field: 'consentId', ...details });

/**
 * Consent lets agencies share what the duty of confidentiality otherwise forbids (fvl. § 13, § 13a):
 * it must be the person's own, for this purpose, in force today, and name every recipient.
 * Returns the refusal, or null when the consent covers the use.
 */
export function consentRefusal(consent: Consent | null, use: ConsentUse): DomainError | null {
  if (!consent) {
    return refuse(
      'REFERRAL.CONSENT_MISSING',
      'No consent with that id is registered. Register the consent first.',
    );
  }
  if (consent.personNationalId !== use.personNationalId) {
    return refuse(
      'REFERRAL.CONSENT_OTHER_PERSON',
      'The consent was given by another person than the one referred.',
    );
  }
  if (consent.status === 'withdrawn') {
    return refuse('REFERRAL.CONSENT_WITHDRAWN', 'The consent has been withdrawn.');
  }
  if (!consent.purposes.includes(use.purpose)) {
    return refuse(
      'REFERRAL.CONSENT_PURPOSE',
      `The consent does not cover the purpose ${use.purpose} (it covers: ${consent.purposes.join(', ')}).`,
    );
  }
  if (use.today < consent.validFrom) {
    return refuse('REFERRAL.CONSENT_NOT_YET_VALID', `The consent is valid from ${consent.validFrom}.`);
  }
  if (use.today > consent.validTo) {
    return refuse('REFERRAL.CONSENT_EXPIRED', `The consent expired on ${consent.validTo}.`);
  }
  const missing = use.recipients.filter((org) => !consent.receivingOrganisations.includes(org));
  if (missing.length > 0) {
    return refuse(
      'REFERRAL.CONSENT_RECIPIENTS',
      `The consent does not allow sharing with organisation ${missing.join(', ')}, which must receive this referral.`,
      { missingOrganisationNumbers: missing },
    );
  }
  return null;
}
