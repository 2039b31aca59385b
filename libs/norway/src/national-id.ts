import { idnr } from '@navikt/fnrvalidator';
import { mod11Control } from './mod11';

export type NationalIdKind = 'fnr' | 'dnr';

export type NationalIdValidation =
  | { valid: true; kind: NationalIdKind; synthetic: boolean; birthDate: string }
  | { valid: false; reason: string };

const ELEVEN_DIGITS = /^\d{11}$/;
const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

// Fixed texts only: a reason may end up in an API response, so it must never echo the number.
const REASONS: Record<string, string> = {
  'fnr, dnr or hnr must consist of 11 digits': 'must be 11 digits',
  "checksums don't match": 'control digits do not match',
  'invalid date': 'birth date is not a valid date',
};

/**
 * Fødselsnummer or D-number, including synthetic test numbers: Skatteetaten/Tenor (month + 80)
 * and NAV/Dolly (month + 40, which H-numbers from the health sector share).
 */
export function validateNationalId(value: string): NationalIdValidation {
  if (typeof value !== 'string' || !ELEVEN_DIGITS.test(value)) return invalid('must be 11 digits');

  // The library also accepts the control digits of the numbers Skatteetaten issues from 2032 (k1 with remainders 0–3).
  const result = idnr(value);
  if (result.status === 'invalid') {
    return invalid(result.reasons.map((reason) => REASONS[reason] ?? 'is not valid').join('; '));
  }

  const kind: NationalIdKind = result.type.startsWith('dnr') ? 'dnr' : 'fnr';
  const synthetic = result.type !== 'fnr' && result.type !== 'dnr';
  const individual = Number(value.slice(6, 9));
  const century = centuryOf(individual, Number(value.slice(4, 6)));
  if (century === null) return invalid('individual number does not match any birth century');
  const birthDate = birthDateOf(value, kind, century);
  if (birthDate === null) return invalid('birth date is not a valid date');
  return { valid: true, kind, synthetic, birthDate };
}

/**
 * A synthetic test number (Skatteetaten/Tenor month + 80, NAV/Dolly month + 40): fine in tests and
 * demos, never a real person's number, so production refuses it.
 */
export function isSyntheticNationalId(value: string): boolean {
  const result = validateNationalId(value);
  return result.valid && result.synthetic;
}

export function isValidNationalId(value: string): boolean {
  return validateNationalId(value).valid;
}

/** Keeps only the six date digits: the individual number and control digits identify the person. */
export function maskNationalId(value: string): string {
  return typeof value === 'string' && ELEVEN_DIGITS.test(value) ? `${value.slice(0, 6)}*****` : '***********';
}

/**
 * A valid synthetic (Tenor-style, month + 80) number for tests. `serial` picks the n-th usable
 * individual number for that birth date, so different serials give different numbers.
 * A Date is read in UTC.
 */
export function syntheticNationalId(
  birthDate: Date | string,
  serial = 0,
  kind: NationalIdKind = 'fnr',
): string {
  const { year, month, day } = calendarDate(birthDate);
  if (!Number.isInteger(serial) || serial < 0) throw new RangeError('serial must be a non-negative integer');

  const dd = pad2(kind === 'dnr' ? day + 40 : day);
  const mm = pad2(month + 80);
  const yy = pad2(year % 100);
  let remaining = serial;
  for (const [from, to] of individualRanges(year)) {
    for (let individual = from; individual <= to; individual++) {
      const base = `${dd}${mm}${yy}${String(individual).padStart(3, '0')}`;
      const k1 = mod11Control(base, K1_WEIGHTS);
      if (k1 === 10) continue;
      const k2 = mod11Control(`${base}${k1}`, K2_WEIGHTS);
      if (k2 === 10) continue;
      if (remaining-- === 0) return `${base}${k1}${k2}`;
    }
  }
  throw new RangeError(`serial ${serial} exceeds the numbers available for that birth date`);
}

// Skatteetaten: the individual number (digits 7–9) tells the century of the two-digit birth year.
function centuryOf(individual: number, yy: number): number | null {
  if (individual <= 499) return 1900;
  if (individual >= 900 && yy >= 40) return 1900;
  if (yy <= 39) return 2000;
  if (individual <= 749 && yy >= 54) return 1800;
  return null;
}

function individualRanges(year: number): Array<[number, number]> {
  if (year >= 1854 && year <= 1899) return [[500, 749]];
  if (year >= 1900 && year <= 1939) return [[0, 499]];
  if (year >= 1940 && year <= 1999)
    return [
      [0, 499],
      [900, 999],
    ];
  if (year >= 2000 && year <= 2039) return [[500, 999]];
  throw new RangeError('birth year must be between 1854 and 2039');
}

function birthDateOf(value: string, kind: NationalIdKind, century: number): string | null {
  const day = Number(value.slice(0, 2)) - (kind === 'dnr' ? 40 : 0);
  const rawMonth = Number(value.slice(2, 4));
  const month = rawMonth >= 80 ? rawMonth - 80 : rawMonth >= 40 ? rawMonth - 40 : rawMonth;
  const year = century + Number(value.slice(4, 6));
  // The library checks the date against a two-digit year; 29 February 1900 only fails with the century.
  if (!isRealDate(year, month, day)) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function calendarDate(input: Date | string): { year: number; month: number; day: number } {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RangeError('birthDate is an invalid Date');
    return { year: input.getUTCFullYear(), month: input.getUTCMonth() + 1, day: input.getUTCDate() };
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || !isRealDate(year, month, day)) throw new RangeError('birthDate must be a date YYYY-MM-DD');
  return { year, month, day };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function invalid(reason: string): NationalIdValidation {
  return { valid: false, reason };
}
