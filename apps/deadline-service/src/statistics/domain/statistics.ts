import { SMALL_NUMBER_LIMIT, suppress, suppressGroup } from '@overgang/core';

export { MAX_MONTHS, period, SMALL_NUMBER_LIMIT, suppress, suppressGroup } from '@overgang/core';

/**
 * Statistics without personal data: counts per municipality and month from the facts the
 * deadline service keeps (codes and dates only), with the small-number rule applied.
 */

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
      const under = policyLeadTimeDays === null ? 0 : leads.filter((d) => d < policyLeadTimeDays).length;
      // A share times the shown total is a count: it is shown only when both its parts may be.
      const underShown =
        suppressGroup({ under, over: leads.length - under }, suppress(leads.length) !== null).under !== null;
      const outcome = suppressGroup(
        Object.fromEntries(
          HOUSING_OUTCOME_GROUPS.map((g) => [
            g,
            group.filter((f) => outcomeGroup(f.housingOutcome) === g).length,
          ]),
        ) as Record<HousingOutcomeGroup, number>,
        suppress(group.length) !== null,
      );
      const clocks = group.flatMap((f) => f.clocks);
      const kinds = [...new Set(clocks.map((c) => c.kind))].sort();
      return {
        municipalityNumber,
        month,
        noticesReceived: suppress(group.length),
        leadTimeDays: {
          median: median(leads),
          shareUnderPolicy: policyLeadTimeDays === null || !underShown ? null : share(under, leads.length),
        },
        housingOutcome: outcome,
        answeredInTime: kinds.map((kind) => {
          const met = clocks.filter((c) => c.kind === kind && c.met);
          const inTime = met.filter((c) => c.inTime).length;
          // Answered minus in time is the late answers: the pair is one group under the rule.
          const timing = suppressGroup({ inTime, late: met.length - inTime }, suppress(met.length) !== null);
          return {
            kind,
            answered: suppress(met.length),
            inTime: timing.inTime,
            share: timing.inTime === null ? null : share(inTime, met.length),
          };
        }),
        breaches: suppressGroup({
          lateNotice: clocks.filter((c) => c.breached && c.shortNotice).length,
          lateAnswer: clocks.filter((c) => c.breached && !c.shortNotice).length,
        }),
      };
    });
}
