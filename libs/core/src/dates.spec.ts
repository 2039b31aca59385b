import { addCalendarDays, endOfOsloDay, osloDate } from './dates';

describe('Oslo dates', () => {
  it('takes the calendar date in Oslo, not in UTC', () => {
    expect(osloDate(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(osloDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(osloDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('ends a day at midnight Oslo time in winter and summer', () => {
    expect(endOfOsloDay('2026-01-15').toISOString()).toBe('2026-01-15T22:59:59.999Z');
    expect(endOfOsloDay('2026-06-15').toISOString()).toBe('2026-06-15T21:59:59.999Z');
  });

  it('ends the days of the daylight-saving switch correctly', () => {
    expect(endOfOsloDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfOsloDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.999Z');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addCalendarDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addCalendarDays('2028-02-20', 14)).toBe('2028-03-05');
  });
});
