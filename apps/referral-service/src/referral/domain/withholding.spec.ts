import { personalDataWithheld } from './withholding';

const recipient = {
  userId: 'u',
  organisationNumber: '100000016',
  unitId: 'x',
  roles: ['housing-caseworker'],
};
const sender = { ...recipient, organisationNumber: '100000008' };

describe('personalDataWithheld', () => {
  it('withholds a suspended referral’s details from recipients and says why', () => {
    const r = {
      status: 'suspended',
      senderOrganisation: '100000008',
      details: { suspensionReason: 'CONSENT_WITHDRAWN' },
    };
    expect(personalDataWithheld(recipient, r)?.code).toBe('REFERRAL.CONSENT_WITHDRAWN');
    expect(
      personalDataWithheld(recipient, { ...r, details: { suspensionReason: 'CONSENT_EXPIRED' } })?.code,
    ).toBe('REFERRAL.CONSENT_EXPIRED');
  });

  it('keeps showing them to the sender, and to everyone while the referral is not suspended', () => {
    const r = { status: 'suspended', senderOrganisation: '100000008', details: {} };
    expect(personalDataWithheld(sender, r)).toBeNull();
    expect(personalDataWithheld(recipient, { ...r, status: 'delivered' })).toBeNull();
  });
});
