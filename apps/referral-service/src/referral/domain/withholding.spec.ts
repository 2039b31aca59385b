import { personalDataWithheld } from './withholding';

const recipient = {
  userId: 'u',
  organisationNumber: '100000016',
  unitId: 'x',
  roles: ['housing-caseworker'],
};
const sender = { ...recipient, userId: 's', organisationNumber: '100000008', unitId: null };
const parties = {
  senderOrganisation: '100000008',
  senderUnit: null,
  senderUser: 's',
  recipients: [{ organisationNumber: '100000016', unitId: 'x', contactPersonId: 'u' }],
};
const withdrawn = { suspensionReason: 'CONSENT_WITHDRAWN' };

describe('personalDataWithheld', () => {
  it('withholds the details from recipients once consent is gone, and says why', () => {
    expect(personalDataWithheld(recipient, { ...parties, details: withdrawn })?.code).toBe(
      'REFERRAL.CONSENT_WITHDRAWN',
    );
    expect(
      personalDataWithheld(recipient, { ...parties, details: { suspensionReason: 'CONSENT_EXPIRED' } })?.code,
    ).toBe('REFERRAL.CONSENT_EXPIRED');
  });

  it('keeps showing them to the sender, and to everyone while consent holds', () => {
    expect(personalDataWithheld(sender, { ...parties, details: withdrawn })).toBeNull();
    expect(personalDataWithheld(recipient, { ...parties, details: {} })).toBeNull();
  });

  it('after a partial withdrawal, withholds them only from the withdrawn recipient organisations', () => {
    const nav = { ...recipient, userId: 'n', organisationNumber: '100000024', unitId: 'nav' };
    const both = {
      ...parties,
      recipients: [
        ...parties.recipients,
        { organisationNumber: '100000024', unitId: 'nav', contactPersonId: 'n' },
      ],
      details: { withheldFrom: ['100000024'] },
    };
    expect(personalDataWithheld(nav, both)?.code).toBe('REFERRAL.CONSENT_WITHDRAWN');
    expect(personalDataWithheld(recipient, both)).toBeNull();
    expect(personalDataWithheld(sender, both)).toBeNull();
  });

  it('withholds from a receiving unit of the sending municipality too', () => {
    const sameOrg = { ...parties, senderOrganisation: '100000016', senderUnit: 'bolig' };
    expect(personalDataWithheld(recipient, { ...sameOrg, details: withdrawn })).not.toBeNull();
    const housing = { ...recipient, userId: 'h', unitId: 'bolig' };
    expect(personalDataWithheld(housing, { ...sameOrg, details: withdrawn })).toBeNull();
  });
});
