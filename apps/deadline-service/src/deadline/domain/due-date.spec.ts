import { computeDue, DueResult } from './due-date';
import { CataloguedPolicy, policyById } from './policy-catalogue';

const answer = policyById('assessment-request.answer');
const confirmDeduction = policyById('benefit-deduction.confirm-deduction');
const acknowledge = policyById('release-notice.acknowledge');
const housingOutcome = policyById('release-notice.housing-outcome');

function due(policy: CataloguedPolicy, startedAt: string, extra: { anchorDate?: string } = {}): DueResult {
  return computeDue(policy, { startedAt: new Date(startedAt), pauses: [], ...extra });
}

function dueAtOf(result: DueResult): string {
  if (result.paused) throw new Error('expected a running clock');
  return result.dueAt.toISOString();
}

describe('computeDue: calendar days', () => {
  it('moves an answer due on skjærtorsdag past Easter 2026, and says why', () => {
    // Thursday 19 March + 14 = Thursday 2 April (skjærtorsdag) → Tuesday 7 April, summer time.
    const result = due(answer, '2026-03-19T09:00:00Z');
    expect(dueAtOf(result)).toBe('2026-04-07T21:59:59.999Z');
    expect(result.explanation).toEqual({
      policyId: 'assessment-request.answer',
      catalogueVersion: 2,
      start: { at: '2026-03-19T09:00:00.000Z', osloDate: '2026-03-19' },
      counting: { method: 'after-start', unit: 'calendar-days', days: 14, pauseDays: 0 },
      countedTo: '2026-04-02',
      skipped: {
        weekendDays: ['2026-04-04'],
        holidays: [
          { date: '2026-04-02', name: 'Skjærtorsdag' },
          { date: '2026-04-03', name: 'Langfredag' },
          { date: '2026-04-05', name: 'Første påskedag' },
          { date: '2026-04-06', name: 'Andre påskedag' },
        ],
      },
      adjustment: {
        from: '2026-04-02',
        to: '2026-04-07',
        rule: 'next-working-day',
        because: '2026-04-02 is a public holiday (Skjærtorsdag)',
      },
      pauses: [],
      dueDate: '2026-04-07',
      pausedSince: null,
    });
  });

  it('moves a due day on langfredag 2027 to the Tuesday after 2. påskedag, from winter into summer time', () => {
    // Friday 12 March 2027 + 14 = Friday 26 March; summer time begins Sunday 28 March.
    const result = due(answer, '2027-03-12T09:00:00Z');
    expect(dueAtOf(result)).toBe('2027-03-30T21:59:59.999Z');
    expect(result.explanation.skipped.holidays.map((holiday) => holiday.name)).toEqual([
      'Langfredag',
      'Første påskedag',
      'Andre påskedag',
    ]);
  });

  it('moves a due day on a Sunday to the Monday', () => {
    // Sunday 8 March + 14 = Sunday 22 March.
    const result = due(answer, '2026-03-08T09:00:00Z');
    expect(dueAtOf(result)).toBe('2026-03-23T22:59:59.999Z');
    expect(result.explanation.adjustment).toEqual({
      from: '2026-03-22',
      to: '2026-03-23',
      rule: 'next-working-day',
      because: '2026-03-22 is a Sunday',
    });
    expect(result.explanation.skipped).toEqual({ weekendDays: ['2026-03-22'], holidays: [] });
  });

  it('names both holidays when 17 May 2027 is also 2. pinsedag', () => {
    const result = due(confirmDeduction, '2027-05-03T08:00:00Z');
    expect(dueAtOf(result)).toBe('2027-05-18T21:59:59.999Z');
    expect(result.explanation.adjustment?.because).toBe(
      '2027-05-17 is a public holiday (Grunnlovsdagen, Andre pinsedag)',
    );
    expect(result.explanation.skipped.holidays).toEqual([
      { date: '2027-05-17', name: 'Grunnlovsdagen' },
      { date: '2027-05-17', name: 'Andre pinsedag' },
    ]);
  });

  it('moves a due day on New Year 2027 past the weekend, in winter time', () => {
    // Friday 18 December 2026 + 14 = Friday 1 January 2027.
    const result = due(answer, '2026-12-18T10:00:00Z');
    expect(dueAtOf(result)).toBe('2027-01-04T22:59:59.999Z');
    expect(result.explanation.skipped).toEqual({
      weekendDays: ['2027-01-02', '2027-01-03'],
      holidays: [{ date: '2027-01-01', name: 'Første nyttårsdag' }],
    });
  });

  it('starts from the Oslo date, not the UTC date', () => {
    // 23:30 UTC on 1 March is 00:30 on 2 March in Oslo; 2 + 14 = Monday 16 March.
    const result = due(answer, '2026-03-01T23:30:00Z');
    expect(result.explanation.start.osloDate).toBe('2026-03-02');
    expect(dueAtOf(result)).toBe('2026-03-16T22:59:59.999Z');
  });
});

describe('computeDue: working days', () => {
  it('skips all of Easter 2026 when counting 2 working days', () => {
    // Delivered Wednesday 1 April: Tuesday 7 is the first working day after it, Wednesday 8 the second.
    const result = due(acknowledge, '2026-04-01T08:00:00Z');
    expect(dueAtOf(result)).toBe('2026-04-08T21:59:59.999Z');
    expect(result.explanation.counting).toEqual({
      method: 'after-start',
      unit: 'working-days',
      days: 2,
      pauseDays: 0,
    });
    expect(result.explanation.adjustment).toBeNull();
    expect(result.explanation.skipped.holidays.map((holiday) => holiday.name)).toEqual([
      'Skjærtorsdag',
      'Langfredag',
      'Første påskedag',
      'Andre påskedag',
    ]);
  });

  it('skips Easter 2027, which straddles the change to summer time', () => {
    expect(dueAtOf(due(acknowledge, '2027-03-24T09:00:00Z'))).toBe('2027-03-31T21:59:59.999Z');
  });

  it('skips 1 May', () => {
    const result = due(acknowledge, '2026-04-30T08:00:00Z');
    expect(result.explanation.dueDate).toBe('2026-05-05');
    expect(result.explanation.skipped).toEqual({
      weekendDays: ['2026-05-02', '2026-05-03'],
      holidays: [{ date: '2026-05-01', name: 'Arbeidernes dag' }],
    });
  });

  it('skips Ascension Day and names 17 May even on a Sunday', () => {
    const result = due(acknowledge, '2026-05-13T08:00:00Z');
    expect(result.explanation.dueDate).toBe('2026-05-18');
    expect(result.explanation.skipped).toEqual({
      weekendDays: ['2026-05-16'],
      holidays: [
        { date: '2026-05-14', name: 'Kristi himmelfartsdag' },
        { date: '2026-05-17', name: 'Grunnlovsdagen' },
      ],
    });
  });

  it('skips Whitsun and Whit Monday', () => {
    const result = due(acknowledge, '2026-05-22T08:00:00Z');
    expect(result.explanation.dueDate).toBe('2026-05-27');
    expect(result.explanation.skipped.holidays.map((holiday) => holiday.name)).toEqual([
      'Første pinsedag',
      'Andre pinsedag',
    ]);
  });

  it('counts julaften as a working day but not Christmas Day or Boxing Day', () => {
    // Delivered Wednesday 23 December 2026: Thursday 24 is the first working day, Monday 28 the second.
    const result = due(acknowledge, '2026-12-23T09:00:00Z');
    expect(dueAtOf(result)).toBe('2026-12-28T22:59:59.999Z');
    expect(result.explanation.skipped).toEqual({
      weekendDays: ['2026-12-27'],
      holidays: [
        { date: '2026-12-25', name: 'Første juledag' },
        { date: '2026-12-26', name: 'Andre juledag' },
      ],
    });
  });

  it('ends the day at midnight Oslo time in both winter and summer time', () => {
    // Summer time begins 29 March 2026 and ends 25 October 2026.
    expect(dueAtOf(due(acknowledge, '2026-03-26T09:00:00Z'))).toBe('2026-03-30T21:59:59.999Z');
    expect(dueAtOf(due(acknowledge, '2026-10-22T08:00:00Z'))).toBe('2026-10-26T22:59:59.999Z');
  });
});

describe('computeDue: pauses', () => {
  const fiveWorkingDays: CataloguedPolicy = { ...acknowledge, length: { unit: 'working-days', days: 5 } };

  it('adds the calendar days a pause covered, holidays included', () => {
    // Asked for information Tuesday 31 March, got it Tuesday 7 April: the ends of 31 March to 6 April were
    // paused, 7 days. 23 March + 14 + 7 = Monday 13 April.
    const result = computeDue(answer, {
      startedAt: new Date('2026-03-23T09:00:00Z'),
      pauses: [
        {
          from: new Date('2026-03-31T08:00:00Z'),
          to: new Date('2026-04-07T07:00:00Z'),
          reason: 'information-requested',
        },
      ],
    });
    expect(dueAtOf(result)).toBe('2026-04-13T21:59:59.999Z');
    expect(result.explanation.counting).toMatchObject({ days: 14, pauseDays: 7 });
    expect(result.explanation.pauses).toEqual([
      {
        from: '2026-03-31T08:00:00.000Z',
        to: '2026-04-07T07:00:00.000Z',
        reason: 'information-requested',
        daysAdded: 7,
      },
    ]);
  });

  it('adds only the working days a pause covered to a working-day clock, so Easter is not given twice', () => {
    // Without the pause: Monday 30 March + 5 working days = Thursday 9 April. The pause covers 1-6 April, of
    // which only Wednesday 1 April is a working day.
    const result = computeDue(fiveWorkingDays, {
      startedAt: new Date('2026-03-30T07:00:00Z'),
      pauses: [
        { from: new Date('2026-04-01T10:00:00Z'), to: new Date('2026-04-07T10:00:00Z'), reason: 'suspended' },
      ],
    });
    expect(result.explanation.pauses[0].daysAdded).toBe(1);
    expect(dueAtOf(result)).toBe('2026-04-10T21:59:59.999Z');
  });

  it('adds nothing for a pause within one day and one day for a pause across midnight', () => {
    const result = computeDue(answer, {
      startedAt: new Date('2026-03-02T08:00:00Z'),
      pauses: [
        {
          from: new Date('2026-03-03T08:00:00Z'),
          to: new Date('2026-03-03T15:00:00Z'),
          reason: 'information-requested',
        },
        {
          from: new Date('2026-03-04T22:30:00Z'),
          to: new Date('2026-03-04T23:30:00Z'),
          reason: 'information-requested',
        },
      ],
    });
    expect(result.explanation.pauses.map((pause) => pause.daysAdded)).toEqual([0, 1]);
    expect(result.explanation.dueDate).toBe('2026-03-17');
  });

  it('has no due time while a pause is open', () => {
    const result = computeDue(answer, {
      startedAt: new Date('2026-03-02T08:00:00Z'),
      pauses: [{ from: new Date('2026-03-05T08:00:00Z'), to: null, reason: 'information-requested' }],
    });
    expect(result.paused).toBe(true);
    expect(result.dueAt).toBeNull();
    expect(result.explanation).toMatchObject({ dueDate: null, pausedSince: '2026-03-05T08:00:00.000Z' });
  });

  it('refuses a pause that ends before it begins or begins before the clock', () => {
    const startedAt = new Date('2026-03-02T08:00:00Z');
    const backwards = {
      from: new Date('2026-03-05T08:00:00Z'),
      to: new Date('2026-03-04T08:00:00Z'),
      reason: 'x',
    };
    const early = {
      from: new Date('2026-03-01T08:00:00Z'),
      to: new Date('2026-03-04T08:00:00Z'),
      reason: 'x',
    };
    for (const pause of [backwards, early]) {
      expect(() => computeDue(answer, { startedAt, pauses: [pause] })).toThrow(
        expect.objectContaining({ code: 'DEADLINE.INVALID_PAUSE', kind: 'invalid' }),
      );
    }
  });
});

describe('computeDue: anchored before a date', () => {
  it('is due 10 working days before the expected release, counting back over Easter', () => {
    // Release Friday 17 April 2026: back over 16-7 April (8 working days), Easter, then 1 April and 31 March.
    const result = due(housingOutcome, '2026-03-02T09:00:00Z', { anchorDate: '2026-04-17' });
    expect(dueAtOf(result)).toBe('2026-03-31T21:59:59.999Z');
    expect(result.explanation.counting).toEqual({
      method: 'working-days-before-anchor',
      anchorDate: '2026-04-17',
      days: 10,
    });
    expect(result.explanation.skipped).toEqual({
      weekendDays: ['2026-04-04', '2026-04-11', '2026-04-12'],
      holidays: [
        { date: '2026-04-02', name: 'Skjærtorsdag' },
        { date: '2026-04-03', name: 'Langfredag' },
        { date: '2026-04-05', name: 'Første påskedag' },
        { date: '2026-04-06', name: 'Andre påskedag' },
      ],
    });
  });

  it('moves a due day on a holiday back, so it stays before the anchor', () => {
    const onTheDay: CataloguedPolicy = {
      ...housingOutcome,
      length: { unit: 'working-days-before-anchor', days: 0, anchor: 'expected-release' },
    };
    // Sunday 17 May 2026; Saturday 16 is a weekend and Thursday 14 is Ascension, so Friday 15.
    const result = due(onTheDay, '2026-03-02T09:00:00Z', { anchorDate: '2026-05-17' });
    expect(result.explanation.adjustment).toEqual({
      from: '2026-05-17',
      to: '2026-05-15',
      rule: 'previous-working-day',
      because: '2026-05-17 is a public holiday (Grunnlovsdagen)',
    });
    expect(dueAtOf(result)).toBe('2026-05-15T21:59:59.999Z');
  });

  it('does not move the due day for a closed pause: the release date does not wait', () => {
    const result = computeDue(housingOutcome, {
      startedAt: new Date('2026-03-02T09:00:00Z'),
      anchorDate: '2026-04-17',
      pauses: [
        { from: new Date('2026-03-03T09:00:00Z'), to: new Date('2026-03-10T09:00:00Z'), reason: 'suspended' },
      ],
    });
    expect(result.explanation.pauses[0].daysAdded).toBe(0);
    expect(dueAtOf(result)).toBe('2026-03-31T21:59:59.999Z');
  });

  it('refuses to count back from an unknown date', () => {
    expect(() => due(policyById('discharge-notice.housing-plan'), '2026-03-02T09:00:00Z')).toThrow(
      expect.objectContaining({ code: 'DEADLINE.ANCHOR_MISSING', kind: 'unprocessable' }),
    );
  });
});
