import { DirectorySnapshot } from '../../directory/domain/directory';
import { Holder, NO_CONTACTS } from './pick-holder';
import { holdersOrGap, PartyHolder, receivingPartiesFor, RoutingRequest } from './receiving-parties';

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

describe('receivingPartiesFor', () => {
  it('routes to the type’s own unit kinds unless the sender asked for others', () => {
    const units = (r: ReturnType<typeof receivingPartiesFor>) =>
      r.ok ? r.parties.map((p) => p.unitId) : r.code;
    expect(units(receivingPartiesFor(dir, request()))).toEqual(['drammen-bolig', 'nav-drammen']);
    expect(units(receivingPartiesFor(dir, request({ receivingUnitKinds: ['nav-social-services'] })))).toEqual(
      ['nav-drammen'],
    );
  });

  it('refuses parties the consent does not cover, naming them', () => {
    const r = receivingPartiesFor(dir, request({ consentedRecipientOrganisationNumbers: [HOUSING] }));
    expect(r).toEqual({
      ok: false,
      code: 'ROUTING.CONSENT_DOES_NOT_COVER',
      reason: `The directory now routes to ${NAV}, which the consent does not cover.`,
    });
  });

  it('passes on the directory’s own gap first', () => {
    expect(receivingPartiesFor(dir, request({ municipalityNumber: '5038' }))).toMatchObject({
      ok: false,
      code: 'ROUTING.UNKNOWN_MUNICIPALITY',
    });
  });
});

describe('holdersOrGap', () => {
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

  it('routes when every unit has a holder or a queue with people configured', () => {
    const queued = holder({
      contactPersonId: null,
      assignment: 'unit-queue',
      reasonCode: 'ROUTING.NO_CONTACT_AVAILABLE',
    });
    const holders = [at('a', holder({})), at('b', queued)];
    expect(holdersOrGap(holders)).toEqual({ ok: true, holders });
  });

  it('stops at the first unit with nobody configured for the type', () => {
    const none = (unitId: string) =>
      holder({
        contactPersonId: null,
        assignment: 'unit-queue',
        reasonCode: NO_CONTACTS,
        reason: `${unitId} empty`,
      });
    expect(holdersOrGap([at('a', holder({})), at('b', none('b')), at('c', none('c'))])).toEqual({
      ok: false,
      code: NO_CONTACTS,
      reason: 'b empty',
    });
  });
});
