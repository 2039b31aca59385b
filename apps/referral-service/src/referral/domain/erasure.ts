/** What a reader of an erased referral is told instead of the person and the details. */
export interface Erasure {
  erasedAt: string;
  reason: string;
}

/**
 * The retention policy erases a closed referral's personal data after a set time (storage
 * limitation, GDPR art. 5(1)(e)); the referral itself stays, with its ids, dates and codes.
 */
export function erasureOf(referral: { erasedAt: Date | null }): Erasure | null {
  if (!referral.erasedAt) return null;
  return {
    erasedAt: referral.erasedAt.toISOString(),
    reason:
      'Personopplysningene i henvisningen er slettet fordi den har vært avsluttet lenger enn oppbevaringstiden. Id-er, datoer og koder er beholdt for statistikk.',
  };
}
