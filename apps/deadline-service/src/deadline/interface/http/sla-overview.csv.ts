import { SlaOverviewView } from '../../application/sla-overview/sla-overview.handler';

/** The breach list and the per-unit figures as CSV (ids and times only), for a spreadsheet. */
export function slaOverviewCsv(o: SlaOverviewView): string {
  const head =
    'clock_id,referral_id,referral_type,kind,unit_id,holder_contact_person_id,due_at,overdue_hours,cause,notice_given_days';
  const rows = o.breaches.map((b) =>
    [
      b.clockId,
      b.referralId,
      b.referralType,
      b.kind,
      b.unitId,
      b.holderContactPersonId ?? '',
      b.dueAt,
      b.overdueHours,
      b.cause,
      b.noticeGivenDays ?? '',
    ].join(','),
  );
  const units = [
    '',
    'unit_id,open,at_risk,breached,late_notice,paused,median_hours_to_acknowledge,median_hours_to_answer',
  ].concat(
    o.units.map((u) =>
      [
        u.unitId,
        u.open,
        u.atRisk,
        u.breached,
        u.lateNotice,
        u.paused,
        u.medianHoursToAcknowledge ?? '',
        u.medianHoursToAnswer ?? '',
      ].join(','),
    ),
  );
  const months = ['', 'month,answered,in_time,late,late_notice,share'].concat(
    o.answeredInTimeByMonth.map((m) =>
      [m.month, m.answered, m.inTime, m.late, m.lateNotice, m.share ?? ''].join(','),
    ),
  );
  return [head, ...rows, ...units, ...months].join('\n') + '\n';
}
