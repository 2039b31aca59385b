import { csvCell } from '@overgang/core';
import { StatisticsView } from '../application/statistics.handlers';
import { HOUSING_OUTCOME_GROUPS } from '../domain/statistics';

/** Statistics Norway's mark for a figure not shown for confidentiality (a hidden one need not be under five). */
const HIDDEN = ':';
const cell = (v: number | string | null) => (v === null ? HIDDEN : csvCell(String(v)));

/**
 * The statistics as CSV, one row per municipality, month and clock kind (the per-referral
 * figures repeat on each kind's row). A suppressed figure is ":".
 */
export function statisticsCsv(v: StatisticsView): string {
  const head = [
    'municipality_number',
    'month',
    'notices_received',
    'lead_time_median_days',
    'lead_time_share_under_policy',
    ...HOUSING_OUTCOME_GROUPS.map((g) => `outcome_${g.replace('-', '_')}`),
    'breaches_late_notice',
    'breaches_late_answer',
    'clock_kind',
    'answered',
    'answered_in_time',
    'share_in_time',
  ].join(',');
  const rows = v.cells.flatMap((c) => {
    const common = [
      c.municipalityNumber,
      c.month,
      c.noticesReceived,
      c.leadTimeDays.median,
      c.leadTimeDays.shareUnderPolicy,
      ...HOUSING_OUTCOME_GROUPS.map((g) => c.housingOutcome[g]),
      c.breaches.lateNotice,
      c.breaches.lateAnswer,
    ].map(cell);
    const kinds = c.answeredInTime.length ? c.answeredInTime : [null];
    return kinds.map((k) =>
      [
        ...common,
        ...(k ? [csvCell(k.kind), cell(k.answered), cell(k.inTime), cell(k.share)] : ['', '', '', '']),
      ].join(','),
    );
  });
  return [head, ...rows].join('\n') + '\n';
}
