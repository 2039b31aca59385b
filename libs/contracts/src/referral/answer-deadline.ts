import { addCalendarDays } from '@overgang/core';
import { workingDayOnOrAfter } from '@overgang/norway';

/**
 * "Frist på 2 uker" (Drammen): an answer is due 14 calendar days on, moved to the next working day
 * when that falls on a weekend or holiday. The deadline policy and the intake's default answer
 * date both use this one rule.
 */
export const ANSWER_DEADLINE = {
  unit: 'calendar-days',
  days: 14,
  onNonWorkingDay: 'next-working-day',
} as const;

/** The date an answer is due when it is asked for on `from` (an Oslo date, YYYY-MM-DD). */
export function answerDueDate(from: string): string {
  return workingDayOnOrAfter(addCalendarDays(from, ANSWER_DEADLINE.days));
}
