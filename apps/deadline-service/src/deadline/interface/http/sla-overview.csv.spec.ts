import { slaOverviewCsv } from './sla-overview.csv';

describe('the SLA overview as CSV', () => {
  it('lists the breaches with their cause, then the units, then the months, leaving unknowns empty', () => {
    const csv = slaOverviewCsv({
      organisationNumber: '100000024',
      generatedAt: '2026-03-02T08:00:00.000Z',
      units: [
        {
          unitId: 'nav-drammen-sosial',
          open: 3,
          atRisk: 1,
          breached: 1,
          lateNotice: 1,
          paused: 0,
          medianHoursToAcknowledge: 5.5,
          medianHoursToAnswer: null,
        },
      ],
      answeredInTimeByMonth: [
        { month: '2026-02', answered: 4, inTime: 2, late: 1, lateNotice: 1, share: 0.667 },
        { month: '2026-03', answered: 1, inTime: 0, late: 0, lateNotice: 1, share: null },
      ],
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
          cause: 'recipient',
          noticeGivenDays: null,
        },
        {
          clockId: 'c2',
          referralId: 'r2',
          referralType: 'release-notice',
          kind: 'housing-outcome',
          unitId: 'nav-drammen-sosial',
          holderContactPersonId: 'cp-1',
          dueAt: '2026-03-01T22:59:59.999Z',
          overdueHours: 9,
          cause: 'late-notice',
          noticeGivenDays: 1,
        },
      ],
    });
    expect(csv).toBe(
      [
        'clock_id,referral_id,referral_type,kind,unit_id,holder_contact_person_id,due_at,overdue_hours,cause,notice_given_days',
        'c1,r1,assessment-request,answer,nav-drammen-sosial,,2026-03-01T22:59:59.999Z,9,recipient,',
        'c2,r2,release-notice,housing-outcome,nav-drammen-sosial,cp-1,2026-03-01T22:59:59.999Z,9,late-notice,1',
        '',
        'unit_id,open,at_risk,breached,late_notice,paused,median_hours_to_acknowledge,median_hours_to_answer',
        'nav-drammen-sosial,3,1,1,1,0,5.5,',
        '',
        'month,answered,in_time,late,late_notice,share',
        '2026-02,4,2,1,1,0.667',
        '2026-03,1,0,0,1,',
        '',
      ].join('\n'),
    );
  });
});
