import {
  addWorkingDays,
  isNorwegianPublicHoliday,
  isWorkingDay,
  nextWorkingDay,
  norwegianPublicHolidays,
  workingDayOnOrAfter,
} from './holidays';

describe('Norwegian public holidays', () => {
  it('lists the twelve public holidays of 2026', () => {
    expect(norwegianPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Første nyttårsdag' },
      { date: '2026-04-02', name: 'Skjærtorsdag' },
      { date: '2026-04-03', name: 'Langfredag' },
      { date: '2026-04-05', name: 'Første påskedag' },
      { date: '2026-04-06', name: 'Andre påskedag' },
      { date: '2026-05-01', name: 'Arbeidernes dag' },
      { date: '2026-05-14', name: 'Kristi himmelfartsdag' },
      { date: '2026-05-17', name: 'Grunnlovsdagen' },
      { date: '2026-05-24', name: 'Første pinsedag' },
      { date: '2026-05-25', name: 'Andre pinsedag' },
      { date: '2026-12-25', name: 'Første juledag' },
      { date: '2026-12-26', name: 'Andre juledag' },
    ]);
  });

  it('moves with Easter in 2025', () => {
    expect(norwegianPublicHolidays(2025).map((holiday) => holiday.date)).toEqual([
      '2025-01-01',
      '2025-04-17',
      '2025-04-18',
      '2025-04-20',
      '2025-04-21',
      '2025-05-01',
      '2025-05-17',
      '2025-05-29',
      '2025-06-08',
      '2025-06-09',
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it('keeps both holidays when 17 May 2027 is also 2. pinsedag', () => {
    const holidays = norwegianPublicHolidays(2027);
    expect(holidays.map((holiday) => holiday.date)).toEqual([
      '2027-01-01',
      '2027-03-25',
      '2027-03-26',
      '2027-03-28',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-16',
      '2027-05-17',
      '2027-05-17',
      '2027-12-25',
      '2027-12-26',
    ]);
    expect(
      holidays.filter((holiday) => holiday.date === '2027-05-17').map((holiday) => holiday.name),
    ).toEqual(['Grunnlovsdagen', 'Andre pinsedag']);
  });

  it('returns a copy the caller may change', () => {
    norwegianPublicHolidays(2026).pop();
    expect(norwegianPublicHolidays(2026)).toHaveLength(12);
  });

  it.each([
    '2025-01-01',
    '2025-04-17',
    '2025-04-18',
    '2025-04-21',
    '2025-05-01',
    '2025-05-17',
    '2025-05-29',
    '2025-06-09',
    '2025-12-25',
    '2025-12-26',
    '2026-04-02',
    '2026-04-03',
    '2026-04-05',
    '2026-04-06',
    '2026-05-14',
    '2026-05-25',
    '2027-01-01',
    '2027-03-25',
    '2027-03-29',
    '2027-05-06',
    '2027-05-17',
    '2027-12-26',
  ])('%s is a public holiday', (date) => {
    expect(isNorwegianPublicHoliday(date)).toBe(true);
    expect(isWorkingDay(date)).toBe(false);
  });

  it('does not count julaften, nyttårsaften, påskeaften or 8 May as public holidays', () => {
    for (const date of ['2026-12-24', '2026-12-31', '2026-04-04', '2026-05-08', '2026-06-23']) {
      expect(isNorwegianPublicHoliday(date)).toBe(false);
    }
    expect(isWorkingDay('2026-12-24')).toBe(true);
    expect(isWorkingDay('2026-12-31')).toBe(true);
  });

  it('rejects anything but a calendar date', () => {
    for (const value of ['2026-02-30', '2026-4-2', '02.04.2026', '2026-04-02T00:00:00Z', '']) {
      expect(() => isNorwegianPublicHoliday(value)).toThrow(RangeError);
      expect(() => isWorkingDay(value)).toThrow(RangeError);
      expect(() => addWorkingDays(value, 1)).toThrow(RangeError);
    }
    expect(() => norwegianPublicHolidays(2026.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-01', 1.5)).toThrow(RangeError);
  });
});

describe('working days', () => {
  it('is Monday to Friday', () => {
    expect(isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(isWorkingDay('2026-03-09')).toBe(true); // Monday
  });

  it('adds working days within a week and over a weekend', () => {
    expect(addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-09', 4)).toBe('2026-03-13');
    expect(addWorkingDays('2026-03-13', 1)).toBe('2026-03-16');
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
  });

  it('skips Easter', () => {
    expect(addWorkingDays('2026-04-01', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-03-31', 3)).toBe('2026-04-08');
    expect(addWorkingDays('2025-04-16', 1)).toBe('2025-04-22');
    expect(addWorkingDays('2027-03-24', 1)).toBe('2027-03-30');
  });

  it('skips Christmas and New Year', () => {
    expect(addWorkingDays('2025-12-23', 1)).toBe('2025-12-24');
    expect(addWorkingDays('2025-12-23', 3)).toBe('2025-12-30');
    expect(addWorkingDays('2025-12-23', 5)).toBe('2026-01-02');
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('skips Ascension Day, Whit Monday and 17 May', () => {
    expect(addWorkingDays('2026-05-13', 1)).toBe('2026-05-15');
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
    expect(addWorkingDays('2027-05-14', 1)).toBe('2027-05-18');
  });

  it('counts backwards with a negative number', () => {
    expect(addWorkingDays('2026-04-07', -1)).toBe('2026-04-01');
    expect(addWorkingDays('2027-01-04', -2)).toBe('2026-12-30');
  });

  it('finds the next working day strictly after a date', () => {
    expect(nextWorkingDay('2026-04-01')).toBe('2026-04-07');
    expect(nextWorkingDay('2026-03-09')).toBe('2026-03-10');
    expect(nextWorkingDay('2026-12-31')).toBe('2027-01-04');
  });

  it('moves a date that is not a working day to the next one', () => {
    expect(workingDayOnOrAfter('2026-03-09')).toBe('2026-03-09');
    expect(workingDayOnOrAfter('2026-04-03')).toBe('2026-04-07');
    expect(workingDayOnOrAfter('2026-05-17')).toBe('2026-05-18');
  });
});
