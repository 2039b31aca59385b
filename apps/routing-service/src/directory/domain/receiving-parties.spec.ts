import { REFERRAL_TYPES } from '@overgang/contracts';
import { DirectorySnapshot } from './directory';
import { resolveParties } from './receiving-parties';
import { buildRecipientMap } from './recipient-map';

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
