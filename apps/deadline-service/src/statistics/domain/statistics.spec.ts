import { DomainError } from '@overgang/core';
import { aggregate, ClockFact, leadDays, outcomeGroup, period, ReferralFact, suppress } from './statistics';

const clock = (over: Partial<ClockFact> = {}): ClockFact => ({
  kind: 'housing-outcome',
  met: true,
  inTime: true,
  breached: false,
  shortNotice: false,
  ...over,
});

const fact = (over: Partial<ReferralFact> = {}): ReferralFact => ({
  municipalityNumber: '3301',
  anchorDate: '2026-03-20',
  noticedOn: '2026-03-01',
  housingOutcome: null,
  clocks: [],
  ...over,
});

describe('the small-number rule', () => {
  it('hides counts from 1 to 4 and shows 0 and 5 and up', () => {
    expect([0, 1, 4, 5, 12].map(suppress)).toEqual([0, null, null, 5, 12]);
  });
});

describe('statistics per municipality and month', () => {
  it('counts notices, lead time, outcomes, answers in time and breaches by cause', () => {
    const facts = [
      fact({ noticedOn: '2026-03-01', housingOutcome: 'contract-signed', clocks: [clock()] }),
      fact({ noticedOn: '2026-03-02', housingOutcome: 'housing-granted', clocks: [clock()] }),
      fact({ noticedOn: '2026-03-10', housingOutcome: 'contract-signed', clocks: [clock()] }),
      fact({ noticedOn: '2026-03-15', housingOutcome: 'housing-granted', clocks: [clock()] }),
      fact({ noticedOn: '2026-03-18', housingOutcome: 'contract-signed', clocks: [clock()] }),
      fact({
        noticedOn: '2026-03-19',
        housingOutcome: 'no-housing',
        clocks: [clock({ inTime: false, breached: true, shortNotice: true })],
      }),
    ];
    const [cell, ...rest] = aggregate(facts, 15);
    expect(rest).toEqual([]);
    expect(cell).toEqual({
      municipalityNumber: '3301',
      month: '2026-03',
      noticesReceived: 6,
      // Lead days 19, 18, 10, 5, 2, 1: median 7.5, four of six under 15.
      leadTimeDays: { median: 7.5, shareUnderPolicy: 0.667 },
      housingOutcome: { housed: 5, temporary: 0, 'no-housing': null, unknown: 0 },
      answeredInTime: [{ kind: 'housing-outcome', answered: 6, inTime: 5, share: 0.833 }],
      breaches: { lateNotice: null, lateAnswer: 0 },
    });
  });

  it('suppresses a group under five entirely, shares and median too', () => {
    const [cell] = aggregate([fact(), fact(), fact({ clocks: [clock()] })], 15);
    expect(cell.noticesReceived).toBeNull();
    expect(cell.leadTimeDays).toEqual({ median: null, shareUnderPolicy: null });
    expect(cell.housingOutcome.unknown).toBeNull();
    expect(cell.answeredInTime).toEqual([
      { kind: 'housing-outcome', answered: null, inTime: null, share: null },
    ]);
  });

  it('counts in the month of the release date, per municipality, and leaves out one without a date', () => {
    const cells = aggregate(
      [
        fact({ anchorDate: '2026-04-01' }),
        fact({ anchorDate: '2026-03-31' }),
        fact({ municipalityNumber: '0301' }),
        fact({ anchorDate: null }),
      ],
      15,
    );
    expect(cells.map((c) => `${c.municipalityNumber} ${c.month}`)).toEqual([
      '0301 2026-03',
      '3301 2026-03',
      '3301 2026-04',
    ]);
  });

  it('has no share under the lead time when the policy has none', () => {
    const [cell] = aggregate(
      Array.from({ length: 5 }, () => fact()),
      null,
    );
    expect(cell.leadTimeDays).toEqual({ median: 19, shareUnderPolicy: null });
  });
});

describe('the figures behind the cells', () => {
  it('groups the outcome codes', () => {
    expect(
      ['contract-signed', 'housing-granted', 'no-housing', 'application-received', null].map(outcomeGroup),
    ).toEqual(['housed', 'housed', 'no-housing', 'unknown', 'unknown']);
  });

  it('counts lead days across a month and a daylight-saving change', () => {
    expect(leadDays('2026-03-20', '2026-04-03')).toBe(14);
  });

  it('takes a period of whole months, at most 24', () => {
    expect(period('2026-01', '2026-06')).toEqual({ from: '2026-01', to: '2026-06' });
    expect(period('2025-01', '2026-12')).toEqual({ from: '2025-01', to: '2026-12' });
    for (const [from, to] of [
      [undefined, '2026-06'],
      ['2026-13', '2026-12'],
      ['2026-06', '2026-01'],
      ['2024-01', '2026-01'],
      ['2026-01-01', '2026-02'],
    ]) {
      expect(() => period(from, to)).toThrow(DomainError);
    }
  });
});
