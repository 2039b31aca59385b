import { addCalendarDays, endOfOsloDay } from '@overgang/core';
import { addWorkingDays, isWorkingDay, norwegianPublicHolidays, PublicHoliday } from '@overgang/norway';

/** Days that did not count, split so an explanation can name the holidays. */
export interface NonWorkingDays {
  /** Saturdays and Sundays that are not public holidays. */
  weekendDays: string[];
  /** Public holidays by name; a date with two holidays (17 May 2027) appears twice. */
  holidays: PublicHoliday[];
}

/** `date` itself when it is a working day, otherwise the last working day before it. */
export function workingDayOnOrBefore(date: string): string {
  return isWorkingDay(date) ? date : addWorkingDays(date, -1);
}

/** Midnight at the end of an Oslo date: the first instant of the next day, DST-aware. */
export function startOfNextOsloDay(date: string): Date {
  return new Date(endOfOsloDay(date).getTime() + 1);
}

/** Calendar dates from `from` (inclusive) to `to` (exclusive). */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date < to; date = addCalendarDays(date, 1)) dates.push(date);
  return dates;
}

export function nonWorkingDays(dates: readonly string[]): NonWorkingDays {
  const result: NonWorkingDays = { weekendDays: [], holidays: [] };
  for (const date of dates) {
    if (isWorkingDay(date)) continue;
    const named = holidaysOn(date);
    if (named.length > 0) result.holidays.push(...named);
    else result.weekendDays.push(date);
  }
  return result;
}

export function holidaysOn(date: string): PublicHoliday[] {
  return norwegianPublicHolidays(Number(date.slice(0, 4))).filter((holiday) => holiday.date === date);
}

/** Working days after `from` and before `to` (both exclusive); 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string): number {
  return datesBetween(addCalendarDays(from, 1), to).filter(isWorkingDay).length;
}
