import { mod11Control } from './mod11';

const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

// Printed as 1234.56.78903 or 1234 56 78903; one separator style per number.
const ACCOUNT_FORMAT = /^(\d{4})([ .]?)(\d{2})\2(\d{5})$/;

/** The 11-digit form of a valid Norwegian account number, or null. */
export function normaliseAccountNumber(value: string): string | null {
  if (typeof value !== 'string') return null;
  const match = ACCOUNT_FORMAT.exec(value.trim());
  if (!match) return null;
  const digits = `${match[1]}${match[3]}${match[4]}`;
  const control = mod11Control(digits.slice(0, 10), WEIGHTS);
  return control !== 10 && control === Number(digits[10]) ? digits : null;
}

export function isValidAccountNumber(value: string): boolean {
  return normaliseAccountNumber(value) !== null;
}

/** 12345678903 → 1234.56.78903 */
export function formatAccountNumber(value: string): string | null {
  const digits = normaliseAccountNumber(value);
  return digits && `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
}
