import { addCalendarDays, osloDate } from '@overgang/core';
import { syntheticNationalId } from '@overgang/norway';

let serial = 0;

/** A fresh synthetic national ID (month + 80): valid control digits, never a real person. */
export function aNationalId(): string {
  serial += 1;
  const year = 1960 + (serial % 40);
  const day = 1 + (serial % 28);
  return syntheticNationalId(
    `${year}-0${1 + (serial % 9)}-${String(day).padStart(2, '0')}`,
    (serial * 7) % 50,
  );
}

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
    name: 'Testa Testesen',
    expectedReleaseDate: addCalendarDays(today(), 40),
    municipalityNumber: DRAMMEN.municipalityNumber,
    housingSituation: 'no-home',
    followUpNeeds: ['substance-use', 'mental-health'],
    knownFollowUpService: 'Senter for rusforebygging',
    consentId: '00000000-0000-4000-8000-000000000000',
    ...overrides,
  };
}
