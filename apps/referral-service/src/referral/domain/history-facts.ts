/** History facts that are codes and ids, never free text: kept in clear, and what a reader without consent still sees. */
export const NON_PERSONAL_FACTS: readonly string[] = [
  'code',
  'unitId',
  'reasonCode',
  'clockId',
  'kind',
  'rungId',
  'audience',
  'dueAt',
  'linkedReferralId',
];

/** A step's facts split into the codes and ids, and the rest (free text that may hold personal data). */
export function splitFacts<T>(facts: Record<string, T>): {
  codes: Record<string, T>;
  personal: Record<string, T> | null;
} {
  const entries = Object.entries(facts);
  const personal = entries.filter(([k]) => !NON_PERSONAL_FACTS.includes(k));
  return {
    codes: Object.fromEntries(entries.filter(([k]) => NON_PERSONAL_FACTS.includes(k))),
    personal: personal.length > 0 ? Object.fromEntries(personal) : null,
  };
}
