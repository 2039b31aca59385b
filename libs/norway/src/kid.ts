import { mod11Control } from './mod11';

// Nets/Mastercard Payment Services: 2–25 characters including the control digit.
const KID_MOD10 = /^\d{2,25}$/;
const KID_MOD11 = /^\d{1,24}[\d-]$/;

export function kidMod10ControlDigit(base: string): string {
  assertDigits(base);
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    const digit = Number(base[base.length - 1 - i]);
    const doubled = i % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return String((10 - (sum % 10)) % 10);
}

export function kidMod11ControlDigit(base: string): string {
  assertDigits(base);
  // Weights 2..7 repeat from the rightmost digit of the base.
  const weights = Array.from(base, (_, i) => 2 + ((base.length - 1 - i) % 6));
  const control = mod11Control(base, weights);
  return control === 10 ? '-' : String(control);
}

export function isValidKidMod10(value: string): boolean {
  return (
    typeof value === 'string' &&
    KID_MOD10.test(value) &&
    kidMod10ControlDigit(value.slice(0, -1)) === value.slice(-1)
  );
}

export function isValidKidMod11(value: string): boolean {
  return (
    typeof value === 'string' &&
    KID_MOD11.test(value) &&
    kidMod11ControlDigit(value.slice(0, -1)) === value.slice(-1)
  );
}

/** Accepts MOD10 or MOD11: the payee's agreement with the bank decides which, and we cannot know it. */
export function isValidKid(value: string): boolean {
  return isValidKidMod10(value) || isValidKidMod11(value);
}

function assertDigits(base: string): void {
  if (typeof base !== 'string' || !/^\d{1,24}$/.test(base)) {
    throw new RangeError('KID base must be 1–24 digits');
  }
}
