import { formatAccountNumber, isValidAccountNumber, normaliseAccountNumber } from './bank-account';

describe('Norwegian account numbers', () => {
  it('accepts 11 digits with a valid mod-11 control digit', () => {
    expect(isValidAccountNumber('12345678903')).toBe(true);
    expect(isValidAccountNumber('86011117947')).toBe(true);
    expect(isValidAccountNumber('15030000010')).toBe(true); // control digit 0 (remainder 0)
  });

  it('accepts the printed forms with dots or spaces', () => {
    expect(isValidAccountNumber('1234.56.78903')).toBe(true);
    expect(isValidAccountNumber('1234 56 78903')).toBe(true);
    expect(isValidAccountNumber(' 8601.11.17947 ')).toBe(true);
  });

  it('normalises to 11 digits and formats with dots', () => {
    expect(normaliseAccountNumber('1234.56.78903')).toBe('12345678903');
    expect(normaliseAccountNumber('1234 56 78903')).toBe('12345678903');
    expect(formatAccountNumber('12345678903')).toBe('1234.56.78903');
    expect(normaliseAccountNumber('1234.56.78904')).toBeNull();
    expect(formatAccountNumber('1234.56.78904')).toBeNull();
  });

  it('rejects a wrong control digit', () => {
    expect(isValidAccountNumber('12345678904')).toBe(false);
    expect(isValidAccountNumber('86011117940')).toBe(false);
  });

  it('rejects every number whose base has remainder 1 (control digit would be 10)', () => {
    for (let digit = 0; digit <= 9; digit++) {
      expect(isValidAccountNumber(`1503000007${digit}`)).toBe(false);
    }
  });

  it('rejects other lengths, mixed separators and letters', () => {
    for (const value of [
      '',
      '1234567890',
      '123456789030',
      '1234.56 78903',
      '1234-56-78903',
      '12.3456.78903',
      '1234.56.7890A',
    ]) {
      expect(isValidAccountNumber(value)).toBe(false);
    }
    expect(isValidAccountNumber(null as unknown as string)).toBe(false);
  });
});
