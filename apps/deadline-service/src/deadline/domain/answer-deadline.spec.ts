import { answerDueAt, canMeet } from './answer-deadline';

describe('answerDueAt', () => {
  it('is due at the end of the 14th day, Oslo time', () => {
    // Monday 23 November 2026 → Monday 7 December, end of day in CET.
    expect(answerDueAt(new Date('2026-11-23T09:00:00Z')).toISOString()).toBe('2026-12-07T22:59:59.999Z');
  });

  it('counts from the Oslo date, not the UTC date', () => {
    // 23:30 Oslo on 1 March is still 1 March in Oslo though 22:30 UTC.
    expect(answerDueAt(new Date('2026-03-01T22:30:00Z')).toISOString()).toBe('2026-03-16T22:59:59.999Z');
  });

  it('moves a due day on a weekend to the Monday', () => {
    // Saturday 21 Nov + 14 = Saturday 5 Dec → Monday 7 Dec.
    expect(answerDueAt(new Date('2026-11-21T10:00:00Z')).toISOString()).toBe('2026-12-07T22:59:59.999Z');
  });

  it('moves a due day on Christmas past the holidays', () => {
    // 11 Dec 2026 + 14 = Friday 25 Dec (1. juledag) → Monday 28 Dec.
    expect(answerDueAt(new Date('2026-12-11T10:00:00Z')).toISOString()).toBe('2026-12-28T22:59:59.999Z');
  });

  it('moves a due day on 17 May and keeps summer time', () => {
    // 3 May 2027 + 14 = Monday 17 May 2027 (also Whit Monday) → Tuesday 18 May, CEST.
    expect(answerDueAt(new Date('2027-05-03T08:00:00Z')).toISOString()).toBe('2027-05-18T21:59:59.999Z');
  });
});

describe('canMeet', () => {
  it('closes open and breached clocks, not met ones', () => {
    expect(canMeet('open')).toBe(true);
    expect(canMeet('breached')).toBe(true);
    expect(canMeet('met')).toBe(false);
  });
});
