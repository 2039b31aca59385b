import { idnr } from '@navikt/fnrvalidator';
import {
  isSyntheticNationalId,
  isValidNationalId,
  maskNationalId,
  syntheticNationalId,
  validateNationalId,
} from './national-id';

// Non-synthetic examples come from @navikt/fnrvalidator's own (auto-generated) test suite.
describe('validateNationalId', () => {
  it('accepts a fødselsnummer and reads the birth date with its century', () => {
    expect(validateNationalId('13097248022')).toEqual({
      valid: true,
      kind: 'fnr',
      synthetic: false,
      birthDate: '1972-09-13',
    });
    expect(validateNationalId('15021951940')).toMatchObject({ valid: true, birthDate: '2019-02-15' });
    expect(validateNationalId('31129940053')).toMatchObject({ valid: true, birthDate: '1999-12-31' });
  });

  it('accepts leap days, including 29 February 2000', () => {
    expect(validateNationalId('29029648784')).toMatchObject({ valid: true, birthDate: '1996-02-29' });
    expect(validateNationalId('29020075838')).toMatchObject({ valid: true, birthDate: '2000-02-29' });
  });

  it('rejects 29 February 1900, which the two-digit year alone would let through', () => {
    expect(idnr('29020000064').status).toBe('valid');
    expect(validateNationalId('29020000064')).toEqual({
      valid: false,
      reason: 'birth date is not a valid date',
    });
  });

  it('accepts a D-number (day + 40)', () => {
    expect(validateNationalId('53097248016')).toEqual({
      valid: true,
      kind: 'dnr',
      synthetic: false,
      birthDate: '1972-09-13',
    });
  });

  it('accepts Skatteetaten/Tenor synthetic numbers (month + 80) and flags them', () => {
    expect(validateNationalId('10915596784')).toEqual({
      valid: true,
      kind: 'fnr',
      synthetic: true,
      birthDate: '1955-11-10',
    });
    expect(validateNationalId('50846202355')).toEqual({
      valid: true,
      kind: 'dnr',
      synthetic: true,
      birthDate: '1962-04-10',
    });
  });

  it('accepts NAV synthetic numbers (month + 40) and flags them', () => {
    expect(validateNationalId('13527248013')).toEqual({
      valid: true,
      kind: 'fnr',
      synthetic: true,
      birthDate: '1972-12-13',
    });
    expect(validateNationalId('68467038838')).toEqual({
      valid: true,
      kind: 'dnr',
      synthetic: true,
      birthDate: '1970-06-28',
    });
  });

  it('accepts the additional first control digits allowed from 2032', () => {
    expect(validateNationalId('30108299920').valid).toBe(true);
    expect(validateNationalId('30108299939').valid).toBe(true);
  });

  it('rejects anything but 11 digits', () => {
    for (const value of ['', '1234567890', '123456789101', '1309724802A', '130972 48022', ' 13097248022']) {
      expect(validateNationalId(value)).toEqual({ valid: false, reason: 'must be 11 digits' });
    }
    expect(validateNationalId(13097248022 as unknown as string)).toEqual({
      valid: false,
      reason: 'must be 11 digits',
    });
  });

  it('rejects a wrong first or second control digit', () => {
    expect(validateNationalId('13097248032')).toEqual({
      valid: false,
      reason: 'control digits do not match',
    });
    expect(validateNationalId('13097248023')).toEqual({
      valid: false,
      reason: 'control digits do not match',
    });
  });

  it('rejects an impossible date', () => {
    expect(validateNationalId('32127248022')).toEqual({
      valid: false,
      reason: 'control digits do not match; birth date is not a valid date',
    });
  });

  it('rejects an individual number that belongs to no birth century', () => {
    expect(validateNationalId('01016080000')).toEqual({
      valid: false,
      reason: 'individual number does not match any birth century',
    });
  });

  it('never repeats the number in the reason', () => {
    const result = validateNationalId('13097248023');
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result)).not.toContain('13097248023');
  });

  it('has a boolean shorthand', () => {
    expect(isValidNationalId('13097248022')).toBe(true);
    expect(isValidNationalId('13097248023')).toBe(false);
  });
});

describe('isSyntheticNationalId', () => {
  it('names the Tenor and Dolly test numbers, which production refuses', () => {
    expect(isSyntheticNationalId('10915596784')).toBe(true);
    expect(isSyntheticNationalId('50846202355')).toBe(true);
    expect(isSyntheticNationalId('13527248013')).toBe(true);
    expect(isSyntheticNationalId(syntheticNationalId('1990-01-01'))).toBe(true);
  });

  it('does not call a real-looking number synthetic, nor an invalid one', () => {
    expect(isSyntheticNationalId('13097248022')).toBe(false);
    expect(isSyntheticNationalId('53097248016')).toBe(false);
    expect(isSyntheticNationalId('13097248023')).toBe(false);
  });
});

describe('maskNationalId', () => {
  it('keeps the date digits and hides the personal number', () => {
    expect(maskNationalId('13097248022')).toBe('130972*****');
    expect(maskNationalId('53097248016')).toBe('530972*****');
  });

  it('hides malformed input completely', () => {
    expect(maskNationalId('1309724802')).toBe('***********');
    expect(maskNationalId('130972 48022')).toBe('***********');
    expect(maskNationalId(undefined as unknown as string)).toBe('***********');
  });
});

describe('syntheticNationalId', () => {
  it('generates a valid synthetic fødselsnummer with month + 80', () => {
    const value = syntheticNationalId('1990-01-01');
    expect(value).toBe('01819000049');
    expect(validateNationalId(value)).toEqual({
      valid: true,
      kind: 'fnr',
      synthetic: true,
      birthDate: '1990-01-01',
    });
    expect(idnr(value)).toEqual({ status: 'valid', type: 'tnr' });
  });

  it('generates a valid synthetic D-number with day + 40 and month + 80', () => {
    const value = syntheticNationalId('2005-02-28', 0, 'dnr');
    expect(value.slice(0, 6)).toBe('688205');
    expect(validateNationalId(value)).toEqual({
      valid: true,
      kind: 'dnr',
      synthetic: true,
      birthDate: '2005-02-28',
    });
  });

  it('gives different valid numbers for different serials', () => {
    const values = Array.from({ length: 50 }, (_, serial) => syntheticNationalId('1975-06-30', serial));
    expect(new Set(values).size).toBe(50);
    for (const value of values) {
      expect(validateNationalId(value)).toMatchObject({
        valid: true,
        synthetic: true,
        birthDate: '1975-06-30',
      });
    }
  });

  it('picks individual numbers that encode the right century', () => {
    for (const birthDate of [
      '1854-01-01',
      '1899-12-31',
      '1900-01-01',
      '1939-07-01',
      '1940-03-03',
      '1999-12-31',
      '2000-02-29',
      '2039-12-31',
    ]) {
      for (const kind of ['fnr', 'dnr'] as const) {
        const value = syntheticNationalId(birthDate, 7, kind);
        expect(validateNationalId(value)).toEqual({ valid: true, kind, synthetic: true, birthDate });
      }
    }
  });

  it('reads a Date in UTC', () => {
    expect(validateNationalId(syntheticNationalId(new Date('1985-07-15T00:00:00Z')))).toMatchObject({
      birthDate: '1985-07-15',
    });
  });

  it('refuses dates and serials it cannot encode', () => {
    expect(() => syntheticNationalId('1853-12-31')).toThrow(RangeError);
    expect(() => syntheticNationalId('2040-01-01')).toThrow(RangeError);
    expect(() => syntheticNationalId('2001-02-29')).toThrow(RangeError);
    expect(() => syntheticNationalId('1 Jan 1990')).toThrow(RangeError);
    expect(() => syntheticNationalId(new Date('invalid'))).toThrow(RangeError);
    expect(() => syntheticNationalId('1990-01-01', -1)).toThrow(RangeError);
    expect(() => syntheticNationalId('1990-01-01', 1.5)).toThrow(RangeError);
    expect(() => syntheticNationalId('1910-05-05', 10_000)).toThrow(RangeError);
  });
});
