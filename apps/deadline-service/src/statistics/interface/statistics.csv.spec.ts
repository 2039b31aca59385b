import { statisticsCsv } from './statistics.csv';

describe('the statistics as CSV', () => {
  it('writes a row per clock kind with ":" for a hidden figure', () => {
    const csv = statisticsCsv({
      referralType: 'release-notice',
      from: '2026-03',
      to: '2026-03',
      policyLeadTimeDays: 15,
      smallNumberLimit: 5,
      cells: [
        {
          municipalityNumber: '3301',
          month: '2026-03',
          noticesReceived: 6,
          leadTimeDays: { median: 7.5, shareUnderPolicy: 0.667 },
          housingOutcome: { housed: 5, temporary: 0, 'no-housing': null, unknown: 0 },
          answeredInTime: [
            { kind: 'acknowledge', answered: 0, inTime: 0, share: null },
            { kind: 'housing-outcome', answered: 6, inTime: 5, share: 0.833 },
          ],
          breaches: { lateNotice: null, lateAnswer: 0 },
        },
        {
          municipalityNumber: '0301',
          month: '2026-03',
          noticesReceived: null,
          leadTimeDays: { median: null, shareUnderPolicy: null },
          housingOutcome: { housed: null, temporary: 0, 'no-housing': 0, unknown: null },
          answeredInTime: [],
          breaches: { lateNotice: 0, lateAnswer: 0 },
        },
      ],
    });
    expect(csv).toBe(
      [
        'municipality_number,month,notices_received,lead_time_median_days,lead_time_share_under_policy,outcome_housed,outcome_temporary,outcome_no_housing,outcome_unknown,breaches_late_notice,breaches_late_answer,clock_kind,answered,answered_in_time,share_in_time',
        '3301,2026-03,6,7.5,0.667,5,0,:,0,:,0,acknowledge,0,0,:',
        '3301,2026-03,6,7.5,0.667,5,0,:,0,:,0,housing-outcome,6,5,0.833',
        '0301,2026-03,:,:,:,:,0,0,:,0,0,,,,',
        '',
      ].join('\n'),
    );
  });
});
