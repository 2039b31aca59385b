import { DirectorySnapshot } from '../../directory/domain/directory';
import { Holder, NO_CONTACTS } from './pick-holder';
import { holderOrGap, PartyHolder, partsOf, receivingPartyFor, RoutingRequest } from './receiving-parties';

const HOUSING = '100000016';
const NAV = '100000024';

const dir: DirectorySnapshot = {
  organisations: [
    {
      organisationNumber: HOUSING,
      name: 'Drammen kommune',
      type: 'municipality',
      municipalityNumber: '3301',
    },
    { organisationNumber: NAV, name: 'NAV Drammen', type: 'nav-office', municipalityNumber: null },
  ],
  units: [
    {
      id: 'drammen-bolig',
      organisationNumber: HOUSING,
      name: 'Bolig',
      kind: 'housing-service',
      receives: ['release-notice', 'discharge-notice'],
    },
    {
      id: 'nav-drammen',
      organisationNumber: NAV,
      name: 'NAV',
      kind: 'nav-social-services',
      receives: ['release-notice', 'discharge-notice'],
    },
  ],
  navCoverage: [{ municipalityNumber: '3301', navOrganisationNumber: NAV }],
};

const request = (over: Partial<RoutingRequest> = {}): RoutingRequest => ({
  referralType: 'release-notice',
  municipalityNumber: '3301',
  consentedRecipientOrganisationNumbers: [HOUSING, NAV],
  ...over,
});

describe('receivingPartyFor', () => {
  it('routes to the type’s own unit kinds unless the sender asked for others, one part each', () => {
    expect(partsOf(request())).toEqual(['housing-service', 'nav-social-services']);
    expect(partsOf(request({ receivingUnitKinds: ['nav-social-services'] }))).toEqual([
      'nav-social-services',
    ]);
    const unit = (kind: 'housing-service' | 'nav-social-services') => {
      const r = receivingPartyFor(dir, request(), kind);
      return r.ok ? r.party.unitId : r.code;
    };
    expect([unit('housing-service'), unit('nav-social-services')]).toEqual(['drammen-bolig', 'nav-drammen']);
  });

  it('parks a part whose organisation the consent does not name, naming it, and routes the others', () => {
    const r = request({ consentedRecipientOrganisationNumbers: [HOUSING] });
    expect(receivingPartyFor(dir, r, 'nav-social-services')).toEqual({
      ok: false,
      code: 'ROUTING.CONSENT_DOES_NOT_COVER',
      reason: `The directory now routes to ${NAV}, which the consent does not cover.`,
    });
    expect(receivingPartyFor(dir, r, 'housing-service')).toMatchObject({ ok: true });
  });

  it('passes on the directory’s own gap per part', () => {
    expect(receivingPartyFor(dir, request({ municipalityNumber: '5038' }), 'housing-service')).toMatchObject({
      ok: false,
      code: 'ROUTING.UNKNOWN_MUNICIPALITY',
    });
    const noNav = { ...dir, navCoverage: [] };
    expect(receivingPartyFor(noNav, request(), 'nav-social-services')).toMatchObject({
      ok: false,
      code: 'ROUTING.NO_NAV_OFFICE',
    });
    expect(receivingPartyFor(noNav, request(), 'housing-service')).toMatchObject({ ok: true });
  });
});

describe('holderOrGap', () => {
  const holder = (over: Partial<Holder>): Holder => ({
    contactPersonId: 'p',
    assignment: 'primary',
    reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
    reason: 'Primary contact p is available.',
    candidates: [],
    ...over,
  });
  const at = (unitId: string, h: Holder): PartyHolder => ({
    party: { organisationNumber: HOUSING, unitId, unitKind: 'housing-service' },
    holder: h,
    mode: 'primary-backup',
  });

  it('routes to a holder, or to a queue with people configured', () => {
    const queued = at(
      'b',
      holder({ contactPersonId: null, assignment: 'unit-queue', reasonCode: 'ROUTING.NO_CONTACT_AVAILABLE' }),
    );
    expect(holderOrGap(at('a', holder({})))).toEqual({ ok: true, holder: at('a', holder({})) });
    expect(holderOrGap(queued)).toEqual({ ok: true, holder: queued });
  });

  it('parks the part of a unit with nobody configured for the type', () => {
    const none = holder({
      contactPersonId: null,
      assignment: 'unit-queue',
      reasonCode: NO_CONTACTS,
      reason: 'b empty',
    });
    expect(holderOrGap(at('b', none))).toEqual({ ok: false, code: NO_CONTACTS, reason: 'b empty' });
  });
});
