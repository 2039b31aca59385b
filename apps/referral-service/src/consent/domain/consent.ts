import { DomainError } from '@overgang/core';

export interface Consent {
  id: string;
  /** Null once the retention policy erased it (no referral relies on the consent any longer). */
  personNationalId: string | null;
  purposes: string[];
  receivingOrganisations: string[];
  /** Organisations that may share under it; empty means only the one that registered it. */
  sharingOrganisations: string[];
  registeredByOrganisation: string;
  validFrom: string;
  validTo: string;
  status: ConsentStatus;
}

export type ConsentStatus = 'active' | 'withdrawn' | 'expired';

export interface StoredConsent extends Omit<Consent, 'status'> {
  status: string;
  withdrawnOrganisations: string[];
  withdrawnPurposes: string[];
}

/** What a consent still allows after partial withdrawals. */
export function effectiveConsent(c: StoredConsent): Consent {
  return {
    ...c,
    status: c.status as ConsentStatus,
    purposes: c.purposes.filter((p) => !c.withdrawnPurposes.includes(p)),
    receivingOrganisations: c.receivingOrganisations.filter((o) => !c.withdrawnOrganisations.includes(o)),
  };
}

export interface Withdrawal {
  organisationNumbers: string[];
  purposes: string[];
}

/**
 * Whether a withdrawal touches a referral: a whole withdrawal touches every referral under the
 * consent; a partial one those sent to a withdrawn organisation or relying on a withdrawn purpose.
 */
export function withdrawalAffects(
  w: Withdrawal,
  referral: { purpose: string; recipientOrganisations: string[] },
): boolean {
  if (w.organisationNumbers.length === 0 && w.purposes.length === 0) return true;
  return (
    w.purposes.includes(referral.purpose) ||
    referral.recipientOrganisations.some((o) => w.organisationNumbers.includes(o))
  );
}

/**
 * Whom a withdrawal takes a referral from: 'all' when it goes wholly (the whole consent, its
 * purpose, or every recipient withdrawn); else the withdrawn recipient organisations, for whom
 * alone the referral stops while the others keep working on it.
 */
export function withdrawnRecipients(
  w: Withdrawal,
  referral: { purpose: string; recipientOrganisations: string[] },
): 'all' | string[] {
  if (w.organisationNumbers.length === 0 && w.purposes.length === 0) return 'all';
  if (w.purposes.includes(referral.purpose)) return 'all';
  const withdrawn = referral.recipientOrganisations.filter((o) => w.organisationNumbers.includes(o));
  return withdrawn.length === referral.recipientOrganisations.length ? 'all' : withdrawn;
}

export interface ConsentUse {
  personNationalId: string;
  purpose: string;
  /** Organisation numbers that will receive the referral. */
  recipients: string[];
  /** Today's date in Oslo (YYYY-MM-DD). */
  today: string;
  /** The organisation that shares (sends). */
  sender?: string;
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
  if (consent.personNationalId === null) {
    return refuse(
      'REFERRAL.CONSENT_ERASED',
      'Samtykket er avsluttet, og personopplysningene i det er slettet etter oppbevaringstiden. Registrer et nytt samtykke.',
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
  if (consent.status === 'expired') {
    return refuse('REFERRAL.CONSENT_EXPIRED', `The consent expired on ${consent.validTo}.`);
  }
  const sharers =
    consent.sharingOrganisations.length > 0
      ? consent.sharingOrganisations
      : [consent.registeredByOrganisation];
  if (use.sender && !sharers.includes(use.sender)) {
    return refuse(
      'REFERRAL.CONSENT_SENDER',
      `The consent does not let organisation ${use.sender} share this information.`,
    );
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
