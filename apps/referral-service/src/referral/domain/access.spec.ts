import { Caller, mayRead, recipientFor, ReferralParties } from './access';

const referral: ReferralParties = {
  senderOrganisation: '100000008',
  recipients: [
    {
      organisationNumber: '100000016',
      unitId: 'drammen-boligtjenesten',
      contactPersonId: 'cp-drammen-bolig-1',
    },
    { organisationNumber: '100000024', unitId: 'nav-drammen-sosial', contactPersonId: 'cp-nav-drammen-2' },
  ],
};
const caller = (c: Partial<Caller>): Caller => ({
  userId: 'u',
  organisationNumber: '999999999',
  unitId: null,
  roles: [],
  ...c,
});

describe('who may read a referral', () => {
  it('lets the sending organisation read', () => {
    expect(mayRead(caller({ organisationNumber: '100000008', roles: ['prison-consultant'] }), referral)).toBe(
      true,
    );
  });

  it('lets the holder and the holder’s unit read', () => {
    expect(mayRead(caller({ userId: 'cp-drammen-bolig-1', organisationNumber: '100000016' }), referral)).toBe(
      true,
    );
    expect(
      mayRead(
        caller({ userId: 'cp-nav-drammen-1', organisationNumber: '100000024', unitId: 'nav-drammen-sosial' }),
        referral,
      ),
    ).toBe(true);
  });

  it('lets a coordinator of a recipient organisation read', () => {
    expect(mayRead(caller({ organisationNumber: '100000024', roles: ['coordinator'] }), referral)).toBe(true);
  });

  it('refuses a caseworker of another organisation, even with a matching user or unit id', () => {
    expect(mayRead(caller({ organisationNumber: '100000040', roles: ['nav-caseworker'] }), referral)).toBe(
      false,
    );
    expect(mayRead(caller({ userId: 'cp-drammen-bolig-1', organisationNumber: '100000040' }), referral)).toBe(
      false,
    );
    expect(mayRead(caller({ organisationNumber: '100000040', unitId: 'nav-drammen-sosial' }), referral)).toBe(
      false,
    );
    expect(mayRead(caller({ organisationNumber: '100000040', roles: ['coordinator'] }), referral)).toBe(
      false,
    );
  });

  it('finds the recipient entry a caller acts for', () => {
    expect(
      recipientFor(
        caller({ userId: 'cp-nav-drammen-2', organisationNumber: '100000024' }),
        referral.recipients,
      )?.unitId,
    ).toBe('nav-drammen-sosial');
    expect(recipientFor(caller({ organisationNumber: '100000024' }), referral.recipients)).toBeUndefined();
  });
});
