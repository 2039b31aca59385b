import {
  isValidKid,
  isValidKidMod10,
  isValidKidMod11,
  kidMod10ControlDigit,
  kidMod11ControlDigit,
} from './kid';

describe('KID', () => {
  it('computes MOD10 (Luhn) and MOD11 control digits', () => {
    expect(kidMod10ControlDigit('1234567')).toBe('4');
    expect(kidMod11ControlDigit('1234567')).toBe('4');
    expect(kidMod10ControlDigit('2000')).toBe('8');
    expect(kidMod11ControlDigit('2000')).toBe('1');
    expect(kidMod11ControlDigit('1009')).toBe('-');
    expect(kidMod11ControlDigit('0000000001')).toBe('9');
  });

  it('accepts a MOD10 KID', () => {
    expect(isValidKidMod10('20008')).toBe(true);
    expect(isValidKidMod11('20008')).toBe(false);
    expect(isValidKid('20008')).toBe(true);
  });

  it('accepts a MOD11 KID', () => {
    expect(isValidKidMod11('20001')).toBe(true);
    expect(isValidKidMod10('20001')).toBe(false);
    expect(isValidKid('20001')).toBe(true);
  });

  it('accepts a MOD11 KID whose control is "-" (remainder 1)', () => {
    expect(isValidKid('1009-')).toBe(true);
    expect(isValidKidMod10('1009-')).toBe(false);
    expect(isValidKid('1008-')).toBe(false);
  });

  it('rejects a KID valid by neither', () => {
    expect(isValidKid('20002')).toBe(false);
    expect(isValidKid('12345675')).toBe(false);
  });

  it('accepts 2 to 25 characters only', () => {
    expect(isValidKid('00')).toBe(true);
    expect(isValidKid('0')).toBe(false);
    const base24 = '123456789012345678901234';
    expect(isValidKid(`${base24}${kidMod10ControlDigit(base24)}`)).toBe(true);
    expect(isValidKid(`${base24}${kidMod11ControlDigit(base24)}`)).toBe(true);
    for (let digit = 0; digit <= 9; digit++) expect(isValidKid(`${base24}5${digit}`)).toBe(false);
  });

  it('rejects separators, letters and a misplaced "-"', () => {
    for (const value of ['', '2000 8', '2000-8', '-1009', 'A0008', ' 20008']) {
      expect(isValidKid(value)).toBe(false);
    }
    expect(isValidKid(20008 as unknown as string)).toBe(false);
  });

  it('refuses to compute a control digit for a bad base', () => {
    expect(() => kidMod10ControlDigit('')).toThrow(RangeError);
    expect(() => kidMod11ControlDigit('12a')).toThrow(RangeError);
  });
});
