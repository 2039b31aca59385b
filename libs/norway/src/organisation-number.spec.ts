import { isValidOrganisationNumber, organisationNumberFrom8 } from './organisation-number';

describe('isValidOrganisationNumber', () => {
  it('accepts real organisation numbers', () => {
    expect(isValidOrganisationNumber('974760673')).toBe(true); // Brønnøysundregistrene
    expect(isValidOrganisationNumber('974761076')).toBe(true); // Skatteetaten
    expect(isValidOrganisationNumber('889640782')).toBe(true); // Arbeids- og velferdsetaten (NAV)
    expect(isValidOrganisationNumber('971526920')).toBe(true); // Statistisk sentralbyrå, control digit 0
  });

  it('rejects a wrong control digit', () => {
    expect(isValidOrganisationNumber('974760674')).toBe(false);
    expect(isValidOrganisationNumber('974760670')).toBe(false);
  });

  it('rejects every number whose base has remainder 1 (control digit would be 10)', () => {
    for (let digit = 0; digit <= 9; digit++) {
      expect(isValidOrganisationNumber(`10000013${digit}`)).toBe(false);
      expect(isValidOrganisationNumber(`10000001${digit}`)).toBe(digit === 6);
    }
  });

  it('rejects anything but 9 digits', () => {
    for (const value of ['', '97476067', '9747606730', '974 760 673', '97476067A', ' 974760673']) {
      expect(isValidOrganisationNumber(value)).toBe(false);
    }
    expect(isValidOrganisationNumber(974760673 as unknown as string)).toBe(false);
  });
});

describe('organisationNumberFrom8', () => {
  it('appends the control digit', () => {
    expect(organisationNumberFrom8('97476067')).toBe('974760673');
    expect(organisationNumberFrom8('10000001')).toBe('100000016');
    expect(organisationNumberFrom8('10000002')).toBe('100000024');
  });

  it('returns null for a base that can never be issued', () => {
    expect(organisationNumberFrom8('10000013')).toBeNull();
    expect(organisationNumberFrom8('10000027')).toBeNull();
  });

  it('returns null for anything but 8 digits', () => {
    expect(organisationNumberFrom8('1000000')).toBeNull();
    expect(organisationNumberFrom8('100000010')).toBeNull();
    expect(organisationNumberFrom8('1000000A')).toBeNull();
  });

  it('always produces valid numbers', () => {
    for (let base = 20000000; base < 20000200; base++) {
      const value = organisationNumberFrom8(String(base));
      if (value !== null) expect(isValidOrganisationNumber(value)).toBe(true);
    }
  });
});
