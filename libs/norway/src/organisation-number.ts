import { mod11Control } from './mod11';

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

export function isValidOrganisationNumber(value: string): boolean {
  if (typeof value !== 'string' || !/^\d{9}$/.test(value)) return false;
  const control = mod11Control(value.slice(0, 8), WEIGHTS);
  return control !== 10 && control === Number(value[8]);
}

/** Appends the control digit to an 8-digit base, or null when Brønnøysund would never issue that base. */
export function organisationNumberFrom8(prefix8: string): string | null {
  if (typeof prefix8 !== 'string' || !/^\d{8}$/.test(prefix8)) return null;
  const control = mod11Control(prefix8, WEIGHTS);
  return control === 10 ? null : `${prefix8}${control}`;
}
