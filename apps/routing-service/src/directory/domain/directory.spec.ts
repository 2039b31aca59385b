import { REFERRAL_TYPES } from '@overgang/contracts';
import { buildRecipientMap, ContactPerson, DirectorySnapshot, pickHolder, resolveParties } from './directory';

const dir: DirectorySnapshot = {
  organisations: [
    {
      organisationNumber: '100000016',
      name: 'Drammen kommune',
      type: 'municipality',
      municipalityNumber: '3301',
    },
    { organisationNumber: '100000024', name: 'NAV Drammen', type: 'nav-office', municipalityNumber: null },
    {
      organisationNumber: '100000032',
      name: 'Bærum kommune',
      type: 'municipality',
      municipalityNumber: '3201',
    },
    { organisationNumber: '100000008', name: 'Drammen fengsel', type: 'prison', municipalityNumber: null },
  ],
  units: [
    {
      id: 'drammen-bolig',
      organisationNumber: '100000016',
      name: 'Bolig',
      kind: 'housing-service',
      receives: ['release-notice', 'discharge-notice'],
    },
    {
      id: 'nav-drammen',
      organisationNumber: '100000024',
      name: 'NAV',
      kind: 'nav-social-services',
      receives: ['release-notice', 'benefit-deduction'],
    },
    {
      id: 'baerum-bolig',
      organisationNumber: '100000032',
      name: 'Bolig',
      kind: 'housing-service',
      receives: ['release-notice'],
    },
  ],
  navCoverage: [{ municipalityNumber: '3301', navOrganisationNumber: '100000024' }],
};

const contacts: ContactPerson[] = [
  { id: 'p', unitId: 'drammen-bolig', role: 'primary', referralTypes: ['release-notice'], active: true },
  { id: 'b', unitId: 'drammen-bolig', role: 'backup', referralTypes: ['release-notice'], active: true },
];

describe('resolveParties', () => {
  it('sends a release notice to the municipality’s housing service and its NAV office', () => {
    expect(resolveParties(dir, 'release-notice', '3301')).toEqual({
      ok: true,
      parties: [
        { organisationNumber: '100000016', unitId: 'drammen-bolig', unitKind: 'housing-service' },
        { organisationNumber: '100000024', unitId: 'nav-drammen', unitKind: 'nav-social-services' },
      ],
    });
  });

  it('sends a discharge notice to NAV only when asked, and an assessment to the service asked', () => {
    expect(resolveParties(dir, 'discharge-notice', '3301')).toMatchObject({
      ok: true,
      parties: [{ unitId: 'drammen-bolig' }],
    });
    expect(
      resolveParties(dir, 'discharge-notice', '3301', ['housing-service', 'nav-social-services']),
    ).toMatchObject({
      ok: false,
      code: 'ROUTING.NO_UNIT',
    });
    expect(resolveParties(dir, 'benefit-deduction', '3301', ['nav-social-services'])).toMatchObject({
      ok: true,
      parties: [{ unitId: 'nav-drammen' }],
    });
  });

  it('names the gap when a municipality is unknown, has no NAV office, or no receiving unit', () => {
    expect(resolveParties(dir, 'release-notice', '5038')).toMatchObject({
      ok: false,
      code: 'ROUTING.UNKNOWN_MUNICIPALITY',
    });
    expect(resolveParties(dir, 'release-notice', '3201')).toMatchObject({
      ok: false,
      code: 'ROUTING.NO_NAV_OFFICE',
    });
    expect(resolveParties(dir, 'assessment-request', '3301')).toMatchObject({
      ok: false,
      code: 'ROUTING.NO_UNIT',
    });
  });

  it('builds the recipient map from the same rules', () => {
    const map = buildRecipientMap(dir, REFERRAL_TYPES);
    expect(
      map.map(
        (e) => `${e.referralType}@${e.municipalityNumber}:${e.recipients.map((r) => r.unitId).join('+')}`,
      ),
    ).toEqual([
      'release-notice@3201:baerum-bolig',
      'release-notice@3301:drammen-bolig+nav-drammen',
      'discharge-notice@3301:drammen-bolig',
      'benefit-deduction@3301:nav-drammen',
    ]);
  });
});

describe('pickHolder', () => {
  const today = '2026-11-23';

  it('gives it to the primary when present', () => {
    expect(pickHolder('drammen-bolig', 'release-notice', contacts, [], today)).toMatchObject({
      contactPersonId: 'p',
      assignment: 'primary',
      reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
    });
  });

  it('gives it to the backup when the primary is absent today, and says why', () => {
    const h = pickHolder(
      'drammen-bolig',
      'release-notice',
      contacts,
      [{ contactPersonId: 'p', from: '2026-11-20', to: '2026-11-23' }],
      today,
    );
    expect(h).toMatchObject({
      contactPersonId: 'b',
      assignment: 'backup',
      reasonCode: 'ROUTING.PRIMARY_ABSENT',
    });
    expect(h.reason).toContain('absent until 2026-11-23');
  });

  it('ignores absences that have ended or not begun', () => {
    const absences = [
      { contactPersonId: 'p', from: '2026-11-01', to: '2026-11-22' },
      { contactPersonId: 'p', from: '2026-11-24', to: '2026-11-30' },
    ];
    expect(pickHolder('drammen-bolig', 'release-notice', contacts, absences, today).assignment).toBe(
      'primary',
    );
  });

  it('puts it in the unit queue when both are away', () => {
    const absences = [
      { contactPersonId: 'p', from: '2026-11-01', to: '2026-12-01' },
      { contactPersonId: 'b', from: '2026-11-23', to: '2026-11-23' },
    ];
    expect(pickHolder('drammen-bolig', 'release-notice', contacts, absences, today)).toMatchObject({
      contactPersonId: null,
      assignment: 'unit-queue',
      reasonCode: 'ROUTING.NO_CONTACT_AVAILABLE',
    });
  });

  it('skips contacts who do not take the type or have left', () => {
    const others: ContactPerson[] = [
      { ...contacts[0], referralTypes: ['benefit-deduction'] },
      { ...contacts[1], active: false },
    ];
    expect(pickHolder('drammen-bolig', 'release-notice', others, [], today).assignment).toBe('unit-queue');
  });

  it('in team mode gives it to the present member with the fewest open referrals', () => {
    const h = pickHolder('drammen-bolig', 'release-notice', contacts, [], today, {
      mode: 'team',
      openLoad: { p: 3, b: 1 },
    });
    expect(h).toMatchObject({
      contactPersonId: 'b',
      assignment: 'team',
      reasonCode: 'ROUTING.TEAM_FEWEST_OPEN',
    });
    const away = pickHolder(
      'drammen-bolig',
      'release-notice',
      contacts,
      [{ contactPersonId: 'b', from: today, to: today }],
      today,
      {
        mode: 'team',
        openLoad: { p: 3, b: 1 },
      },
    );
    expect(away.contactPersonId).toBe('p');
  });

  it('moves it away from a holder being relieved, and explains every candidate', () => {
    const h = pickHolder('drammen-bolig', 'release-notice', contacts, [], today, {
      exclude: ['p'],
      openLoad: { p: 2 },
    });
    expect(h.contactPersonId).toBe('b');
    expect(h.candidates).toEqual([
      { contactPersonId: 'p', role: 'primary', absentUntil: null, openReferrals: 2 },
      { contactPersonId: 'b', role: 'backup', absentUntil: null, openReferrals: 0 },
    ]);
  });

  it('tells a unit with nobody configured apart from one whose people are away', () => {
    expect(pickHolder('other-unit', 'release-notice', contacts, [], today).reasonCode).toBe(
      'ROUTING.NO_CONTACTS_CONFIGURED',
    );
  });
});
