import {
  Consent,
  consentRefusal,
  ConsentUse,
  effectiveConsent,
  withdrawalAffects,
  withdrawnRecipients,
} from './consent';

const consent: Consent = {
  id: 'c1',
  personNationalId: '11111111111',
  purposes: ['release-housing'],
  receivingOrganisations: ['100000016', '100000024'],
  sharingOrganisations: [],
  registeredByOrganisation: '100000008',
  validFrom: '2026-11-01',
  validTo: '2027-04-30',
  status: 'active',
};
const use: ConsentUse = {
  personNationalId: '11111111111',
  purpose: 'release-housing',
  recipients: ['100000016', '100000024'],
  today: '2026-11-23',
};

describe('consentRefusal', () => {
  it('accepts a consent that covers person, purpose, period and every recipient', () => {
    expect(consentRefusal(consent, use)).toBeNull();
  });

  it.each([
    ['missing', null, use, 'REFERRAL.CONSENT_MISSING'],
    ['another person', consent, { ...use, personNationalId: '22222222222' }, 'REFERRAL.CONSENT_OTHER_PERSON'],
    ['withdrawn', { ...consent, status: 'withdrawn' as const }, use, 'REFERRAL.CONSENT_WITHDRAWN'],
    ['marked expired', { ...consent, status: 'expired' as const }, use, 'REFERRAL.CONSENT_EXPIRED'],
    ['not for this sender', consent, { ...use, sender: '100000091' }, 'REFERRAL.CONSENT_SENDER'],
    ['another purpose', consent, { ...use, purpose: 'benefit-deduction' }, 'REFERRAL.CONSENT_PURPOSE'],
    ['not yet valid', consent, { ...use, today: '2026-10-31' }, 'REFERRAL.CONSENT_NOT_YET_VALID'],
    ['expired', consent, { ...use, today: '2027-05-01' }, 'REFERRAL.CONSENT_EXPIRED'],
    [
      'a recipient left out',
      consent,
      { ...use, recipients: ['100000016', '100000040'] },
      'REFERRAL.CONSENT_RECIPIENTS',
    ],
  ])('refuses a consent that is %s', (_, c, u, code) => {
    const refusal = consentRefusal(c, u);
    expect(refusal?.code).toBe(code);
    expect(refusal?.kind).toBe('unprocessable');
  });

  it('holds on its first and last day', () => {
    expect(consentRefusal(consent, { ...use, today: '2026-11-01' })).toBeNull();
    expect(consentRefusal(consent, { ...use, today: '2027-04-30' })).toBeNull();
  });

  it('names the organisations the consent leaves out', () => {
    const refusal = consentRefusal(consent, { ...use, recipients: ['100000016', '100000040'] });
    expect(refusal?.details.missingOrganisationNumbers).toEqual(['100000040']);
  });
});

describe('partial withdrawal', () => {
  const stored = {
    ...consent,
    purposes: ['release-housing', 'assessment'],
    withdrawnOrganisations: ['100000024'],
    withdrawnPurposes: ['assessment'],
  };

  it('leaves what was not withdrawn', () => {
    const e = effectiveConsent(stored);
    expect(e.receivingOrganisations).toEqual(['100000016']);
    expect(e.purposes).toEqual(['release-housing']);
    expect(consentRefusal(e, use)?.code).toBe('REFERRAL.CONSENT_RECIPIENTS');
    expect(consentRefusal(e, { ...use, recipients: ['100000016'] })).toBeNull();
  });

  it('touches the referrals sent to a withdrawn organisation or for a withdrawn purpose, or all when whole', () => {
    const referral = { purpose: 'release-housing', recipientOrganisations: ['100000016', '100000024'] };
    expect(withdrawalAffects({ organisationNumbers: [], purposes: [] }, referral)).toBe(true);
    expect(withdrawalAffects({ organisationNumbers: ['100000024'], purposes: [] }, referral)).toBe(true);
    expect(withdrawalAffects({ organisationNumbers: ['100000040'], purposes: [] }, referral)).toBe(false);
    expect(withdrawalAffects({ organisationNumbers: [], purposes: ['assessment'] }, referral)).toBe(false);
    expect(withdrawalAffects({ organisationNumbers: [], purposes: ['release-housing'] }, referral)).toBe(
      true,
    );
  });

  it('takes a referral from the withdrawn recipients only, or from all when its purpose or every recipient goes', () => {
    const referral = { purpose: 'release-housing', recipientOrganisations: ['100000016', '100000024'] };
    const w = (organisationNumbers: string[], purposes: string[] = []) => ({ organisationNumbers, purposes });
    expect(withdrawnRecipients(w([]), referral)).toBe('all');
    expect(withdrawnRecipients(w(['100000024']), referral)).toEqual(['100000024']);
    expect(withdrawnRecipients(w(['100000024', '100000016']), referral)).toBe('all');
    expect(withdrawnRecipients(w(['100000040']), referral)).toEqual([]);
    expect(withdrawnRecipients(w([], ['release-housing']), referral)).toBe('all');
    expect(withdrawnRecipients(w([], ['assessment']), referral)).toEqual([]);
  });
});
