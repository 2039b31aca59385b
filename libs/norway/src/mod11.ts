/**
 * Weighted mod-11 control digit: 0–9, or 10 when no digit fits (for most Norwegian
 * numbers that means the base can never be issued; KID writes it as '-').
 */
export function mod11Control(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    sum += Number(digits[i]) * weights[i];
  }
  const control = 11 - (sum % 11);
  return control === 11 ? 0 : control;
}
