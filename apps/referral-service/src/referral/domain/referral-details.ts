/** Type-specific fields, flat: dates, codes, lists of codes, free text. */
export type ReferralDetails = Record<
  string,
  string | string[] | number | boolean | null | Record<string, string | number | null>
>;
