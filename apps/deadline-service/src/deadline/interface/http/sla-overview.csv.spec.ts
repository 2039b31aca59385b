import { slaOverviewCsv } from './sla-overview.csv';

describe('the SLA overview as CSV', () => {
  it('lists the breaches, then the units, leaving unknowns empty', () => {
    const csv = slaOverviewCsv({
      organisationNumber: '100000024',
      generatedAt: '2026-03-02T08:00:00.000Z',
      units: [
        {
          unitId: 'nav-drammen-sosial',
          open: 3,
          atRisk: 1,
          breached: 1,
          paused: 0,
          medianHoursToAcknowledge: 5.5,
          medianHoursToAnswer: null,
        },
      ],
      answeredInTimeByMonth: [],
      breaches: [
        {
          clockId: 'c1',
          referralId: 'r1',
          referralType: 'assessment-request',
          kind: 'answer',
          unitId: 'nav-drammen-sosial',
          holderContactPersonId: null,
          dueAt: '2026-03-01T22:59:59.999Z',
          overdueHours: 9,
        },
      ],
    });
    expect(csv).toBe(
      [
        'clock_id,referral_id,referral_type,kind,unit_id,holder_contact_person_id,due_at,overdue_hours',
        'c1,r1,assessment-request,answer,nav-drammen-sosial,,2026-03-01T22:59:59.999Z,9',
        '',
        'unit_id,open,at_risk,breached,paused,median_hours_to_acknowledge,median_hours_to_answer',
        'nav-drammen-sosial,3,1,1,0,5.5,',
        '',
      ].join('\n'),
    );
  });
});
