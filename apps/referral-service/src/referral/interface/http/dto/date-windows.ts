import { DateWindow } from '@overgang/web';

/**
 * How far from today each date of a referral may lie: wide enough for every real case, narrow
 * enough that a slip of the keyboard (year 9999, year 0202) is refused with the field named.
 */
export const DATE_WINDOWS = {
  /** A release is notified months ahead; a late notice may follow a release already past. */
  releaseDate: { notBefore: { years: -1 }, notAfter: { years: 5 } },
  /** An admission has happened: within the last ten years, at the latest today. */
  admissionDate: { notBefore: { years: -10 }, notAfter: {} },
  /** A planned discharge: some time after the admission, rarely years ahead. */
  dischargeDate: { notBefore: { years: -1 }, notAfter: { years: 2 } },
  /** The assessor is asked for an answer some time in the coming year. */
  requestedAnswerDate: { notBefore: {}, notAfter: { years: 1 } },
  /** A contract meeting, a first deduction, the first month deducted: around now. */
  caseDate: { notBefore: { years: -1 }, notAfter: { years: 2 } },
  /** The day a release or discharge actually happened: recorded late, at the latest today. */
  actualDate: { notBefore: { years: -1 }, notAfter: {} },
} satisfies Record<string, DateWindow>;
