import { DomainError } from './domain-error';

/**
 * The small-number rule every statistic of the hub keeps, wherever it is counted: no figure that
 * could single anybody out.
 */

/** Any count from 1 to 4 is shown as null (":" in CSV), so nobody can be singled out. */
export const SMALL_NUMBER_LIMIT = 5;

/** A count under the small-number rule: 1–4 becomes null; 0 and 5 and up are shown. */
export function suppress(n: number): number | null {
  return n > 0 && n < SMALL_NUMBER_LIMIT ? null : n;
}

/**
 * Secondary suppression. The counts of a group add up to a total (the housing outcome groups to the
 * notices received; the two breach causes to the breaches, which a reader can get from the SLA
 * overview): with exactly one count hidden, the total minus the shown ones gives it away. So the
 * smallest other non-zero count is hidden too (the first in the group's order on a tie). With no
 * total to subtract from (`totalShown` false: it is itself hidden), nothing more is hidden. A zero
 * is never hidden: it gives nothing away, as a hidden count is known to be 1–4.
 */
export function suppressGroup<K extends string>(
  counts: Record<K, number>,
  totalShown = true,
): Record<K, number | null> {
  const keys = Object.keys(counts) as K[];
  const shown = Object.fromEntries(keys.map((k) => [k, suppress(counts[k])])) as Record<K, number | null>;
  if (!totalShown || keys.filter((k) => shown[k] === null).length !== 1) return shown;
  const next = keys
    .filter((k) => shown[k] !== null && counts[k] > 0)
    .reduce<K | null>((a, k) => (a === null || counts[k] < counts[a] ? k : a), null);
  if (next !== null) shown[next] = null;
  return shown;
}

/** The longest period one request may ask for, in months. */
export const MAX_MONTHS = 24;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The months asked for: YYYY-MM, from not after to, at most MAX_MONTHS. */
export function period(from: string | undefined, to: string | undefined): { from: string; to: string } {
  const months = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const field = !from || !MONTH.test(from) ? 'from' : !to || !MONTH.test(to) ? 'to' : null;
  const span = from && to && !field ? months(to) - months(from) + 1 : 0;
  if (field || span < 1 || span > MAX_MONTHS) {
    throw new DomainError(
      'STATISTICS.PERIOD_INVALID',
      `Give from and to as months (YYYY-MM), from not after to, at most ${MAX_MONTHS} months.`,
      'invalid',
      { field: field ?? 'to', maxMonths: MAX_MONTHS },
    );
  }
  return { from: from as string, to: to as string };
}
