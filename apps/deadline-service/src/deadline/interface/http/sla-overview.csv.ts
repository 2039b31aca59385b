import { SlaOverviewView } from '../../application/sla-overview/sla-overview.handler';

/** The breach list and the per-unit figures as CSV (ids and times only), for a spreadsheet. */
export function slaOverviewCsv(o: SlaOverviewView): string {
  const head =
    'clock_id,referral_id,referral_type,kind,unit_id,holder_contact_person_id,due_at,overdue_hours';
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
    ].join(','),
  );
  const units = [
    '',
    'unit_id,open,at_risk,breached,paused,median_hours_to_acknowledge,median_hours_to_answer',
  ].concat(
    o.units.map((u) =>
      [
        u.unitId,
        u.open,
        u.atRisk,
        u.breached,
        u.paused,
        u.medianHoursToAcknowledge ?? '',
        u.medianHoursToAnswer ?? '',
      ].join(','),
    ),
  );
  return [head, ...rows, ...units].join('\n') + '\n';
}
