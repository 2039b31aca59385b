import type { ProblemAnswer, ProblemDocument } from '../problem';

/** A text built from the problem: its extra fields, or (for facts it does not carry) its detail as sent. */
export type ProblemText = (p: ProblemDocument, answer: ProblemAnswer) => string;

/**
 * A code's texts. `nb` is required for every code; `en` only where the detail as thrown is not
 * English (the services write most details in English, a few already in bokmål).
 */
export interface CodeTexts {
  nb: ProblemText;
  en?: ProblemText;
}

/** The detail as thrown: for codes whose message is already written in that language. */
export const asSent: ProblemText = (p) => p.detail;

export const str = (v: unknown, fallback = ''): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;
export const list = (v: unknown, sep = ', '): string =>
  Array.isArray(v) ? v.map((x) => str(x)).join(sep) : str(v);
/** A fact the detail names but the extras do not carry, e.g. a date. */
export const fromDetail = (p: ProblemDocument, pattern: RegExp): string | undefined =>
  pattern.exec(p.detail)?.[1];

/** Referral, consent and deduction statuses as a caseworker says them. */
export const STATUS_NB: Record<string, string> = {
  submitted: 'sendt',
  delivered: 'levert',
  acknowledged: 'bekreftet mottatt',
  answered: 'besvart',
  completed: 'fullført',
  rejected: 'avvist',
  withdrawn: 'trukket tilbake',
  suspended: 'stanset fordi samtykket ikke lenger gjelder',
  cancelled: 'avlyst',
  active: 'aktivt',
  expired: 'utløpt',
  requested: 'bestilt',
  confirmed: 'bekreftet',
  stopped: 'stanset',
};
export const statusNb = (v: unknown) => STATUS_NB[str(v)] ?? str(v);

export const NOT_FOUND_NB = (what: string) =>
  `Det finnes ${what} med den id-en, eller du har ikke tilgang til den.`;
export const RETRY_WITH_KEY_NB =
  'Send forespørselen på nytt med samme Idempotency-Key: den utføres høyst én gang.';

export const RATE_LIMITED_EN: Record<string, (s: number) => string> = {
  user: (s) =>
    `You have sent more requests than allowed in a short time. Nothing was done; wait ${s} seconds and try again.`,
  address: (s) =>
    `More requests than allowed have come from your address in a short time. Nothing was done; wait ${s} seconds and try again.`,
  unauthenticated: (s) =>
    `Too many requests without a valid sign-in have come from your address. Wait ${s} seconds, sign in again and try again.`,
};
