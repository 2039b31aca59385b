import { DomainError } from '@overgang/core';
import {
  aggregate,
  ClockFact,
  leadDays,
  outcomeGroup,
  period,
  ReferralFact,
  suppress,
  suppressGroup,
} from './statistics';

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

describe('secondary suppression', () => {
  it('hides the smallest other non-zero count when exactly one count of a group is hidden', () => {
    expect(suppressGroup({ housed: 5, temporary: 0, none: 1, unknown: 0 })).toEqual({
      housed: null,
      temporary: 0,
      none: null,
      unknown: 0,
    });
    expect(suppressGroup({ housed: 9, temporary: 6, none: 2, unknown: 0 })).toEqual({
      housed: 9,
      temporary: null,
      none: null,
      unknown: 0,
    });
    // A tie goes to the first in the group's order.
    expect(suppressGroup({ a: 7, b: 7, c: 3 })).toEqual({ a: null, b: 7, c: null });
    expect(suppressGroup({ lateNotice: 2, lateAnswer: 7 })).toEqual({ lateNotice: null, lateAnswer: null });
  });

  it('hides a share whose count under the rule is hidden', () => {
    // Lead days 19 for five, 3 for one: one of six under 15 days would be 0.167 of 6.
    const facts = [...Array.from({ length: 5 }, () => fact()), fact({ noticedOn: '2026-03-17' })];
    const [cell] = aggregate(facts, 15);
    expect(cell.leadTimeDays.shareUnderPolicy).toBeNull();
    const [all] = aggregate(
      Array.from({ length: 6 }, () => fact({ noticedOn: '2026-03-17' })),
      15,
    );
    expect(all.leadTimeDays.shareUnderPolicy).toBe(1);
  });

  it('hides nothing more when two are hidden already, none is, or the total is hidden itself', () => {
    expect(suppressGroup({ a: 5, b: 1, c: 1 })).toEqual({ a: 5, b: null, c: null });
    expect(suppressGroup({ a: 5, b: 0, c: 6 })).toEqual({ a: 5, b: 0, c: 6 });
    expect(suppressGroup({ a: 3, b: 0 }, false)).toEqual({ a: null, b: 0 });
    expect(suppressGroup({ lateNotice: 0, lateAnswer: 3 })).toEqual({ lateNotice: 0, lateAnswer: null });
  });

  it('leaves no hidden outcome count derivable from the notices received in a cell', () => {
    const outcomes = ['contract-signed', 'temporary-housing', 'no-housing', null];
    for (let n = 5; n <= 12; n++) {
      for (let seed = 0; seed < 20; seed++) {
        const facts = Array.from({ length: n }, (_, i) =>
          fact({ housingOutcome: outcomes[(i * (seed + 1) + seed) % (1 + (seed % 4))] }),
        );
        const [cell] = aggregate(facts, 15);
        const values = Object.values(cell.housingOutcome);
        expect(values.filter((v) => v === null).length).not.toBe(1);
      }
    }
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
      // Lead days 19, 18, 10, 5, 2, 1: median 7.5; four of six under 15 is a count under five.
      leadTimeDays: { median: 7.5, shareUnderPolicy: null },
      // 6 notices, 5 housed would give the one without housing away: housed is hidden too.
      housingOutcome: { housed: null, temporary: 0, 'no-housing': null, unknown: 0 },
      // One of six late: in time (5) would give it away, and so would the share.
      answeredInTime: [{ kind: 'housing-outcome', answered: 6, inTime: null, share: null }],
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
