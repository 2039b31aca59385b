import { randomInt } from 'crypto';
import { addCalendarDays, osloDate } from '@overgang/core';
import { syntheticNationalId } from '@overgang/norway';

// Each test file (jest loads this module once per file) starts at a random birth date, so test
// files that share one database within a run do not hand out the same number.
const DATES = 60 * 12 * 28;
let dateIndex = randomInt(DATES);
let serial = 0;

/** A fresh synthetic national ID (month + 80): valid control digits, never a real person. */
export function aNationalId(): string {
  if (serial >= 300) {
    serial = 0;
    dateIndex = (dateIndex + 1) % DATES;
  }
  const year = 1940 + Math.floor(dateIndex / (12 * 28));
  const month = 1 + (Math.floor(dateIndex / 28) % 12);
  const day = 1 + (dateIndex % 28);
  return syntheticNationalId(
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    serial++,
  );
}

/**
 * Every person name the factories hand out. The test run's output is scanned for them
 * (scripts/log-scan.js): a name in a log line is personal data leaking.
 */
export const TEST_PERSON_NAMES = {
  releaseNotice: 'Testa Testesen',
  dischargeNotice: 'Pasient Eksempel',
  benefitDeduction: 'Leietaker Eksempel',
  guardian: 'Verge Eksempel',
  assessmentRequest: 'Søker Eksempel',
} as const;

export const DRAMMEN = { municipalityNumber: '3301', housing: '100000016', nav: '100000024' } as const;
export const BAERUM = { municipalityNumber: '3201', housing: '100000032', nav: '100000040' } as const;
export const VERDAL = { municipalityNumber: '5038', housing: '100000059', nav: '100000067' } as const;
export const STJORDAL = { municipalityNumber: '5035', housing: '100000075', nav: '100000083' } as const;

const today = () => osloDate(new Date());

export function aConsent(overrides: Record<string, unknown> = {}) {
  return {
    nationalId: aNationalId(),
    purposes: ['release-housing'],
    receivingOrganisationNumbers: [DRAMMEN.housing, DRAMMEN.nav],
    validFrom: today(),
    validTo: addCalendarDays(today(), 180),
    givenBy: 'person',
    evidenceReference: 'TEST-ARKIV-1',
    ...overrides,
  };
}

export function aReleaseNotice(overrides: Record<string, unknown> = {}) {
  return {
    nationalId: aNationalId(),
    name: TEST_PERSON_NAMES.releaseNotice,
    expectedReleaseDate: addCalendarDays(today(), 40),
    municipalityNumber: DRAMMEN.municipalityNumber,
    housingSituation: 'no-home',
    followUpNeeds: ['substance-use', 'mental-health'],
    knownFollowUpService: 'Senter for rusforebygging',
    consentId: '00000000-0000-4000-8000-000000000000',
    ...overrides,
  };
}

/** A discharge notice from Vestre Viken DPS Drammen to Drammen (consent purpose discharge-housing). */
export function aDischargeNotice(overrides: Record<string, unknown> = {}) {
  return {
    nationalId: aNationalId(),
    name: TEST_PERSON_NAMES.dischargeNotice,
    institutionUnitId: 'vestre-viken-dps-drammen',
    ward: 'Døgnpost 2',
    admissionDate: addCalendarDays(today(), -3),
    municipalityNumber: DRAMMEN.municipalityNumber,
    housingSituation: 'cannot-return',
    followUpNeeds: ['mental-health'],
    notifyNav: true,
    consentId: '00000000-0000-4000-8000-000000000000',
    ...overrides,
  };
}

/** Rent deducted from a benefit, from Drammen's housing service to NAV Drammen (purpose benefit-deduction). */
export function aBenefitDeduction(overrides: Record<string, unknown> = {}) {
  return {
    nationalId: aNationalId(),
    name: TEST_PERSON_NAMES.benefitDeduction,
    municipalityNumber: DRAMMEN.municipalityNumber,
    benefit: 'uforetrygd',
    monthlyAmount: 7500,
    accountNumber: '1234.56.78903',
    kid: '1234567890128',
    firstMonth: addCalendarDays(today(), 40).slice(0, 7),
    guardian: { name: TEST_PERSON_NAMES.guardian },
    consentId: '00000000-0000-4000-8000-000000000000',
    ...overrides,
  };
}

/** A professional assessment asked of Drammen's substance-use follow-up service (purpose assessment). */
export function anAssessmentRequest(overrides: Record<string, unknown> = {}) {
  return {
    nationalId: aNationalId(),
    name: TEST_PERSON_NAMES.assessmentRequest,
    municipalityNumber: DRAMMEN.municipalityNumber,
    assessedBy: 'follow-up-substance-use',
    questions: ['Kan søker bo i ordinær kommunal bolig med oppfølging?'],
    consentId: '00000000-0000-4000-8000-000000000000',
    ...overrides,
  };
}
