import { DomainError } from '@overgang/core';

/**
 * Statistics without personal data: counts per municipality and month from the facts the
 * deadline service keeps (codes and dates only), with the small-number rule applied.
 */

/** Any count from 1 to 4 is shown as null ("<5" in CSV), so nobody can be singled out. */
export const SMALL_NUMBER_LIMIT = 5;

export const HOUSING_OUTCOME_GROUPS = ['housed', 'temporary', 'no-housing', 'unknown'] as const;
export type HousingOutcomeGroup = (typeof HOUSING_OUTCOME_GROUPS)[number];

/** The referral service's outcome codes in the four groups the statistics report. */
const OUTCOME_GROUPS: Record<string, HousingOutcomeGroup> = {
  'housing-granted': 'housed',
  'contract-signed': 'housed',
  'temporary-housing': 'temporary',
  'no-housing': 'no-housing',
};

/** The group of an outcome code; no outcome, or one still in progress, is unknown. */
export function outcomeGroup(code: string | null): HousingOutcomeGroup {
  return (code && OUTCOME_GROUPS[code]) || 'unknown';
}

/** One referral's statistical facts: no person, only codes and dates. */
export interface ReferralFact {
  municipalityNumber: string;
  /** The release or discharge date (YYYY-MM-DD), the month the referral counts in. */
  anchorDate: string | null;
  /** The day the notice reached the hub (Oslo). */
  noticedOn: string;
  housingOutcome: string | null;
  clocks: ClockFact[];
}

export interface ClockFact {
  kind: string;
  /** Answered (the clock was met). */
  met: boolean;
  /** Met by its due time. */
  inTime: boolean;
  /** The breach fired or the answer came after the due time. */
  breached: boolean;
  /** Given less notice than the policy's lead time: a breach is the notice's, not the answer's. */
  shortNotice: boolean;
}

export interface StatisticsCell {
  municipalityNumber: string;
  month: string;
  noticesReceived: number | null;
  leadTimeDays: { median: number | null; shareUnderPolicy: number | null };
  housingOutcome: Record<HousingOutcomeGroup, number | null>;
  answeredInTime: Array<{
    kind: string;
    answered: number | null;
    inTime: number | null;
    share: number | null;
  }>;
  breaches: { lateNotice: number | null; lateAnswer: number | null };
}

/** A count under the small-number rule: 1–4 becomes null; 0 and 5 and up are shown. */
export function suppress(n: number): number | null {
  return n > 0 && n < SMALL_NUMBER_LIMIT ? null : n;
}

/** A share of a group: null when the group is under five (or empty). */
function share(part: number, whole: number): number | null {
  return whole < SMALL_NUMBER_LIMIT ? null : Math.round((part / whole) * 1000) / 1000;
}

function median(xs: number[]): number | null {
  if (xs.length < SMALL_NUMBER_LIMIT) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Days from the notice to the release or discharge date (calendar days). */
export function leadDays(noticedOn: string, anchorDate: string): number {
  return Math.round(
    (Date.parse(`${anchorDate}T00:00:00Z`) - Date.parse(`${noticedOn}T00:00:00Z`)) / 86_400_000,
  );
}

/**
 * The cells per municipality and month (of the anchor date), sorted. Referrals without an
 * anchor date have no month and are left out. `policyLeadTimeDays` null: no share under it.
 */
export function aggregate(facts: ReferralFact[], policyLeadTimeDays: number | null): StatisticsCell[] {
  const groups = new Map<string, ReferralFact[]>();
  for (const f of facts) {
    if (!f.anchorDate) continue;
    const key = `${f.municipalityNumber}|${f.anchorDate.slice(0, 7)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => {
      const [municipalityNumber, month] = key.split('|');
      const leads = group.map((f) => leadDays(f.noticedOn, f.anchorDate as string));
      const outcome = Object.fromEntries(
        HOUSING_OUTCOME_GROUPS.map((g) => [
          g,
          suppress(group.filter((f) => outcomeGroup(f.housingOutcome) === g).length),
        ]),
      ) as Record<HousingOutcomeGroup, number | null>;
      const clocks = group.flatMap((f) => f.clocks);
      const kinds = [...new Set(clocks.map((c) => c.kind))].sort();
      return {
        municipalityNumber,
        month,
        noticesReceived: suppress(group.length),
        leadTimeDays: {
          median: median(leads),
          shareUnderPolicy:
            policyLeadTimeDays === null
              ? null
              : share(leads.filter((d) => d < policyLeadTimeDays).length, leads.length),
        },
        housingOutcome: outcome,
        answeredInTime: kinds.map((kind) => {
          const met = clocks.filter((c) => c.kind === kind && c.met);
          const inTime = met.filter((c) => c.inTime).length;
          return {
            kind,
            answered: suppress(met.length),
            inTime: suppress(inTime),
            share: share(inTime, met.length),
          };
        }),
        breaches: {
          lateNotice: suppress(clocks.filter((c) => c.breached && c.shortNotice).length),
          lateAnswer: suppress(clocks.filter((c) => c.breached && !c.shortNotice).length),
        },
      };
    });
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
