import Holidays from 'date-holidays';

export interface PublicHoliday {
  date: string;
  name: string;
}

// Building the rule set is expensive; the per-year lists are cached below.
const NORWAY = new Holidays('NO');
const byYear = new Map<number, readonly PublicHoliday[]>();
const datesByYear = new Map<number, ReadonlySet<string>>();

/**
 * The 12 statutory public holidays (helligdager and 1 and 17 May), Norwegian names, sorted by date.
 * date-holidays marks julaften and nyttårsaften as 'bank', not 'public', so they are not included.
 * When two fall on the same date (17 May 2027 is also 2. pinsedag) both are listed.
 */
export function norwegianPublicHolidays(year: number): PublicHoliday[] {
  if (!Number.isInteger(year)) throw new RangeError('year must be an integer');
  return [...holidaysOf(year)];
}

export function isNorwegianPublicHoliday(date: string): boolean {
  return publicHolidayDates(parseDate(date).year).has(date);
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(date: string): boolean {
  const { weekday, year } = parseDate(date);
  return weekday >= 1 && weekday <= 5 && !publicHolidayDates(year).has(date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string): string {
  return addWorkingDays(date, 1);
}

/** `date` itself when it is a working day, otherwise the next one (how a deadline falling on a holiday moves). */
export function workingDayOnOrAfter(date: string): string {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/** Steps `days` working days forward (backward when negative); 0 returns `date` unchanged. */
export function addWorkingDays(date: string, days: number): string {
  parseDate(date);
  if (!Number.isInteger(days)) throw new RangeError('days must be an integer');
  const step = days < 0 ? -1 : 1;
  let current = date;
  for (let remaining = Math.abs(days); remaining > 0; ) {
    current = shiftDate(current, step);
    if (isWorkingDay(current)) remaining--;
  }
  return current;
}

function holidaysOf(year: number): readonly PublicHoliday[] {
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = NORWAY.getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }))
      .sort((a, b) => a.date.localeCompare(b.date));
    byYear.set(year, holidays);
  }
  return holidays;
}

function publicHolidayDates(year: number): ReadonlySet<string> {
  let dates = datesByYear.get(year);
  if (!dates) {
    dates = new Set(holidaysOf(year).map((holiday) => holiday.date));
    datesByYear.set(year, dates);
  }
  return dates;
}

function parseDate(date: string): { year: number; weekday: number } {
  const match = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (match) {
    const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    if (utc.toISOString().slice(0, 10) === date)
      return { year: utc.getUTCFullYear(), weekday: utc.getUTCDay() };
  }
  throw new RangeError('expected a calendar date YYYY-MM-DD');
}

function shiftDate(date: string, days: number): string {
  const utc = new Date(`${date}T00:00:00Z`);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}
