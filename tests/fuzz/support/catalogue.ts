import { addCalendarDays } from '@overgang/core';
import {
  aBenefitDeduction,
  aConsent,
  aDischargeNotice,
  anAssessmentRequest,
  aNationalId,
  aReleaseNotice,
  DRAMMEN,
} from '@overgang/testing';
import { CALLERS, Fixture, FixtureKind, fresh, FUZZ_COORDINATOR, FUZZ_DIRECTORY, today } from './fixtures';
import { Json } from './json-cases';
import { Caller } from './request-cases';

export type BodyShape =
  | { kind: 'json'; base: (f: Fixture | null) => Json }
  /** No body is read; fuzzed as a JSON body the endpoint should ignore or refuse. */
  | { kind: 'none' }
  | { kind: 'csv'; header: string; rows: () => string[][] }
  | { kind: 'multipart' };

export interface Endpoint {
  /** `METHOD /path/{param}` exactly as in the merged OpenAPI document. */
  key: string;
  /** Signed in with the role the endpoint wants (so validation, not only auth, is reached). */
  caller: Caller;
  /** Signed in, but with a role the endpoint refuses. */
  wrongRole: Caller;
  /** The right role in an organisation that has nothing to do with the fixture. */
  otherOrganisation: Caller;
  body: BodyShape;
  /** The fixture the path parameter (and the body) refers to. */
  fixture?: FixtureKind;
  /** A fixed value for a path parameter that is not a fixture. */
  param?: string;
  /** A 2xx leaves the fixture in a state that refuses the step next time: a fresh one is made. */
  consumes?: boolean;
}

const { consultant, otherConsultant, staff, bolig, nav, rus, navBaerum, boligBaerum, coordBaerum, hubAdmin } =
  CALLERS;
const json = (base: (f: Fixture | null) => Json): BodyShape => ({ kind: 'json', base });
const fixtureId = (f: Fixture | null) => f?.id ?? '00000000-0000-4000-8000-000000000000';
const fixturePerson = (f: Fixture | null) => f?.nationalId ?? aNationalId();
const CSV_HEADER = 'id,organisation_number,unit_id,name,email,phone,role,referral_types';

function step(
  path: string,
  fixture: FixtureKind,
  caller: Caller,
  body: BodyShape,
  opts: { consumes?: boolean; wrongRole?: Caller; otherOrganisation?: Caller } = {},
): Endpoint {
  return {
    key: `POST /api/v1/referrals/{id}/${path}`,
    caller,
    // Steps need no role at the door; the referral decides: a caller of the wrong party.
    wrongRole: opts.wrongRole ?? (caller === nav || caller === bolig || caller === rus ? consultant : nav),
    otherOrganisation:
      opts.otherOrganisation ?? (caller.roles.includes('prison-consultant') ? otherConsultant : navBaerum),
    body,
    fixture,
    consumes: opts.consumes ?? false,
  };
}

/**
 * What the suite knows about each write endpoint: who may call it, a valid body from the factories,
 * and the fixture it acts on. An endpoint the OpenAPI document lists but this does not is still
 * fuzzed, from its schema (see the spec).
 */
export const CATALOGUE: Endpoint[] = [
  {
    key: 'POST /api/v1/consents',
    caller: consultant,
    wrongRole: CALLERS.hubAdmin,
    otherOrganisation: otherConsultant,
    body: json(() => aConsent({ nationalId: aNationalId(), sharingOrganisationNumbers: [consultant.org] })),
  },
  {
    key: 'POST /api/v1/consents/{id}/withdrawals',
    caller: consultant,
    wrongRole: CALLERS.hubAdmin,
    otherOrganisation: otherConsultant,
    body: json(() => ({ organisationNumbers: [DRAMMEN.nav], purposes: ['assessment'] })),
    fixture: 'consent',
    consumes: true,
  },
  {
    key: 'POST /api/v1/referrals/release-notices',
    caller: consultant,
    wrongRole: staff,
    otherOrganisation: otherConsultant,
    body: json((f) => aReleaseNotice({ nationalId: fixturePerson(f), consentId: fixtureId(f) })),
    fixture: 'release-consent',
  },
  {
    key: 'POST /api/v1/referrals/discharge-notices',
    caller: staff,
    wrongRole: consultant,
    otherOrganisation: demoStaffElsewhere(),
    body: json((f) =>
      aDischargeNotice({
        nationalId: fixturePerson(f),
        consentId: fixtureId(f),
        plannedDischargeDate: addCalendarDays(today(), 20),
      }),
    ),
    fixture: 'discharge-consent',
  },
  {
    key: 'POST /api/v1/referrals/benefit-deductions',
    caller: bolig,
    wrongRole: consultant,
    otherOrganisation: boligBaerum,
    body: json((f) =>
      aBenefitDeduction({
        nationalId: fixturePerson(f),
        consentId: fixtureId(f),
        guardian: { name: 'Verge Eksempel', contact: 'verge@example.invalid' },
      }),
    ),
    fixture: 'deduction-consent',
  },
  {
    key: 'POST /api/v1/referrals/assessment-requests',
    caller: bolig,
    wrongRole: consultant,
    otherOrganisation: boligBaerum,
    body: json((f) =>
      anAssessmentRequest({
        nationalId: fixturePerson(f),
        consentId: fixtureId(f),
        documentReferences: [{ reference: 'ePhorte 2026/1234', title: 'Søknad om kommunal bolig' }],
        requestedAnswerDate: addCalendarDays(today(), 21),
      }),
    ),
    fixture: 'assessment-consent',
  },
  step('acknowledge', 'release-notice', nav, { kind: 'none' }, { consumes: true }),
  step(
    'reject',
    'release-notice',
    bolig,
    json(() => ({ reason: 'Ikke vår kommune.' })),
    { consumes: true },
  ),
  step(
    'withdraw',
    'release-notice',
    consultant,
    json(() => ({ reason: 'Sendt ved en feil.' })),
    { consumes: true },
  ),
  step(
    'cancel',
    'release-notice',
    consultant,
    json(() => ({ reason: 'Løslatelsen er utsatt.' })),
    { consumes: true },
  ),
  step(
    'complete',
    'assessment-request-answered',
    bolig,
    json(() => ({ note: 'Vurderingen er mottatt.' })),
    {
      consumes: true,
    },
  ),
  step('confirm-processing-stopped', 'release-notice-suspended', bolig, { kind: 'none' }, { consumes: true }),
  step(
    'release-date',
    'release-notice',
    consultant,
    json(() => ({
      expectedReleaseDate: addCalendarDays(today(), 35),
      reasonCode: 'brought-forward',
      note: 'Fremskutt',
    })),
  ),
  step(
    'housing-outcome',
    'release-notice',
    bolig,
    json(() => ({ outcome: 'application-received' })),
  ),
  step('released', 'release-notice', consultant, { kind: 'none' }, { consumes: true }),
  step(
    'discharge-date',
    'discharge-notice',
    staff,
    json(() => ({ plannedDischargeDate: addCalendarDays(today(), 25), note: 'Planlagt' })),
    { otherOrganisation: demoStaffElsewhere() },
  ),
  step(
    'discharged',
    'discharge-notice',
    staff,
    { kind: 'none' },
    { consumes: true, otherOrganisation: demoStaffElsewhere() },
  ),
  step(
    'readmitted',
    'discharge-notice',
    staff,
    json(() => ({ admissionDate: today() })),
    {
      otherOrganisation: demoStaffElsewhere(),
    },
  ),
  step(
    'left-early',
    'discharge-notice',
    staff,
    { kind: 'none' },
    { consumes: true, otherOrganisation: demoStaffElsewhere() },
  ),
  step(
    'deduction/confirm',
    'benefit-deduction',
    nav,
    json(() => ({ firstDeductionDate: addCalendarDays(today(), 45) })),
    { consumes: true },
  ),
  step('deduction/activate', 'benefit-deduction-confirmed', nav, { kind: 'none' }, { consumes: true }),
  step(
    'deduction/amount',
    'benefit-deduction-confirmed',
    bolig,
    json(() => ({ monthlyAmount: 8000, effectiveMonth: addCalendarDays(today(), 45).slice(0, 7) })),
  ),
  step(
    'deduction/stop',
    'benefit-deduction',
    bolig,
    json(() => ({ reasonCode: 'tenancy-ended', effectiveMonth: today().slice(0, 7) })),
    { consumes: true },
  ),
  step('deduction/confirm-change', 'benefit-deduction-confirmed', nav, { kind: 'none' }, { consumes: true }),
  step(
    'nav-outcome',
    'release-notice',
    nav,
    json(() => ({ outcome: 'follow-up-meeting-booked', note: 'Møte avtalt' })),
  ),
  step(
    'information-requests',
    'assessment-request',
    rus,
    json(() => ({ question: 'Hvilke tjenester mottar søker i dag?' })),
    { consumes: true },
  ),
  step(
    'information',
    'assessment-request-asked',
    bolig,
    json(() => ({ information: 'Oppfølging fra Senter for rusforebygging.', attachmentIds: [] })),
    { consumes: true },
  ),
  step(
    'assessment',
    'assessment-request',
    rus,
    json(() => ({
      assessment: 'Anbefaler bolig med oppfølging.',
      recommendation: 'grant',
      attachmentIds: [],
    })),
    { consumes: true },
  ),
  step('attachments', 'assessment-request', bolig, { kind: 'multipart' }),
  {
    key: 'POST /api/v1/directory/organisations',
    caller: hubAdmin,
    wrongRole: FUZZ_COORDINATOR,
    otherOrganisation: coordBaerum,
    body: json(() => ({ organisationNumber: fresh('organisation'), name: 'Fuzz fengsel', type: 'prison' })),
  },
  {
    key: 'POST /api/v1/directory/units',
    caller: FUZZ_COORDINATOR,
    wrongRole: bolig,
    otherOrganisation: coordBaerum,
    body: json(() => ({
      id: fresh('unit'),
      organisationNumber: FUZZ_DIRECTORY.organisationNumber,
      name: 'Fuzz enhet',
      kind: 'housing-service',
      receives: [],
      mode: 'team',
    })),
  },
  {
    key: 'PATCH /api/v1/directory/units/{id}',
    caller: FUZZ_COORDINATOR,
    wrongRole: bolig,
    otherOrganisation: coordBaerum,
    body: json(() => ({ name: 'Boligtjenesten, Fuzz kommune', receives: [], mode: 'primary-backup' })),
    param: FUZZ_DIRECTORY.unitId,
  },
  {
    key: 'POST /api/v1/directory/contact-persons',
    caller: FUZZ_COORDINATOR,
    wrongRole: bolig,
    otherOrganisation: coordBaerum,
    body: json(() => {
      const id = fresh('contact-person');
      return {
        id,
        unitId: FUZZ_DIRECTORY.unitId,
        name: 'Fuzz Eksempel',
        email: `${id}@demo.overgang.invalid`,
        phone: '+47 400 90 020',
        role: 'backup',
        referralTypes: [],
      };
    }),
  },
  {
    key: 'PATCH /api/v1/directory/contact-persons/{id}',
    caller: FUZZ_COORDINATOR,
    wrongRole: bolig,
    otherOrganisation: coordBaerum,
    body: json(() => ({
      active: true,
      role: 'primary',
      referralTypes: [],
      email: `${FUZZ_DIRECTORY.contactPersonId}@demo.overgang.invalid`,
      phone: '+47 400 90 010',
    })),
    param: FUZZ_DIRECTORY.contactPersonId,
  },
  {
    key: 'POST /api/v1/directory/contact-persons/{id}/absences',
    caller: FUZZ_COORDINATOR,
    wrongRole: bolig,
    otherOrganisation: coordBaerum,
    body: json(() => ({
      from: addCalendarDays(today(), 10),
      to: addCalendarDays(today(), 12),
      reason: 'holiday',
    })),
    param: FUZZ_DIRECTORY.contactPersonId,
  },
  {
    key: 'PUT /api/v1/directory/nav-coverage/{municipalityNumber}',
    caller: FUZZ_COORDINATOR,
    wrongRole: bolig,
    otherOrganisation: coordBaerum,
    body: json(() => ({ navOrganisationNumber: DRAMMEN.nav })),
    param: FUZZ_DIRECTORY.municipalityNumber,
  },
  {
    key: 'POST /api/v1/directory/import.csv',
    caller: FUZZ_COORDINATOR,
    wrongRole: bolig,
    otherOrganisation: coordBaerum,
    body: {
      kind: 'csv',
      header: CSV_HEADER,
      rows: () => [
        [
          FUZZ_DIRECTORY.csvContactPersonId,
          FUZZ_DIRECTORY.organisationNumber,
          FUZZ_DIRECTORY.unitId,
          'Eksempel, CSV',
          `${FUZZ_DIRECTORY.csvContactPersonId}@demo.overgang.invalid`,
          '+47 400 90 030',
          'backup',
          '',
        ],
      ],
    },
  },
  {
    key: 'POST /api/v1/directory/import',
    caller: hubAdmin,
    wrongRole: FUZZ_COORDINATOR,
    otherOrganisation: coordBaerum,
    body: json(() => ({
      organisations: [
        {
          organisationNumber: FUZZ_DIRECTORY.organisationNumber,
          name: 'Fuzz kommune',
          type: 'municipality',
          municipalityNumber: FUZZ_DIRECTORY.municipalityNumber,
        },
      ],
      units: [
        {
          id: FUZZ_DIRECTORY.unitId,
          organisationNumber: FUZZ_DIRECTORY.organisationNumber,
          name: 'Boligtjenesten, Fuzz kommune',
          kind: 'housing-service',
          receives: [],
          mode: 'primary-backup',
        },
      ],
      contactPersons: [
        {
          id: FUZZ_DIRECTORY.contactPersonId,
          unitId: FUZZ_DIRECTORY.unitId,
          name: 'Fuzz Eksempel',
          email: `${FUZZ_DIRECTORY.contactPersonId}@demo.overgang.invalid`,
          phone: '+47 400 90 010',
          role: 'primary',
          referralTypes: [],
        },
      ],
      navCoverage: [
        { municipalityNumber: FUZZ_DIRECTORY.municipalityNumber, navOrganisationNumber: DRAMMEN.nav },
      ],
    })),
  },
];

/** Health-trust staff of another trust do not exist in the demo directory: a signed-in stranger. */
function demoStaffElsewhere(): Caller {
  return { sub: 'fuzz-staff-elsewhere', org: '100000032', unit: null, roles: ['health-trust-staff'] };
}
