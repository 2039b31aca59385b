import { Caller, isSenderSide, mayRead, recipientFor, ReferralParties } from './access';

const referral: ReferralParties = {
  senderOrganisation: '100000008',
  senderUnit: 'drammen-fengsel-sosialkonsulent',
  senderUser: 'consultant-drammen-fengsel',
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
  it('lets the sending unit read', () => {
    expect(
      mayRead(
        caller({
          organisationNumber: '100000008',
          unitId: 'drammen-fengsel-sosialkonsulent',
          roles: ['prison-consultant'],
        }),
        referral,
      ),
    ).toBe(true);
  });

  it('refuses another unit of the sending organisation, and a user of it without a unit', () => {
    expect(
      mayRead(
        caller({
          organisationNumber: '100000008',
          unitId: 'drammen-fengsel-helse',
          roles: ['prison-consultant'],
        }),
        referral,
      ),
    ).toBe(false);
    expect(mayRead(caller({ organisationNumber: '100000008', roles: ['prison-consultant'] }), referral)).toBe(
      false,
    );
  });

  it('lets a coordinator of the sending organisation read whatever unit sent it', () => {
    expect(
      mayRead(
        caller({ organisationNumber: '100000008', unitId: 'drammen-fengsel-helse', roles: ['coordinator'] }),
        referral,
      ),
    ).toBe(true);
  });

  it('lets only the sender and the coordinators read a referral sent without a unit', () => {
    const unitless = { ...referral, senderUnit: null };
    expect(
      mayRead(caller({ organisationNumber: '100000008', userId: 'consultant-drammen-fengsel' }), unitless),
    ).toBe(true);
    expect(
      mayRead(
        caller({ organisationNumber: '100000008', unitId: 'drammen-fengsel-sosialkonsulent' }),
        unitless,
      ),
    ).toBe(false);
    expect(mayRead(caller({ organisationNumber: '100000008', roles: ['coordinator'] }), unitless)).toBe(true);
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
    expect(
      mayRead(
        caller({ organisationNumber: '100000040', unitId: 'drammen-fengsel-sosialkonsulent' }),
        referral,
      ),
    ).toBe(false);
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

describe('who acts for the sender', () => {
  // A municipality's housing service asks its own substance-use service for an assessment.
  const internal: ReferralParties = {
    senderOrganisation: '100000016',
    senderUnit: 'drammen-boligtjenesten',
    senderUser: 'cp-drammen-bolig-1',
    recipients: [
      { organisationNumber: '100000016', unitId: 'drammen-rus', contactPersonId: 'cp-drammen-rus-1' },
    ],
  };

  it('is the sending unit, not the receiving unit of the same organisation, nor a third unit of it', () => {
    const bolig2 = caller({
      userId: 'cp-drammen-bolig-2',
      organisationNumber: '100000016',
      unitId: 'drammen-boligtjenesten',
    });
    const rus = caller({
      userId: 'cp-drammen-rus-2',
      organisationNumber: '100000016',
      unitId: 'drammen-rus',
    });
    const psyk = caller({
      userId: 'cp-drammen-psyk-1',
      organisationNumber: '100000016',
      unitId: 'drammen-psyk',
    });
    expect(isSenderSide(bolig2, internal)).toBe(true);
    expect(isSenderSide(rus, internal)).toBe(false);
    expect(mayRead(rus, internal)).toBe(true);
    expect(isSenderSide(psyk, internal)).toBe(false);
    expect(mayRead(psyk, internal)).toBe(false);
  });

  it('includes the sending organisation’s coordinators', () => {
    expect(
      isSenderSide(
        caller({ organisationNumber: '100000016', unitId: 'drammen-psyk', roles: ['coordinator'] }),
        internal,
      ),
    ).toBe(true);
  });
});
