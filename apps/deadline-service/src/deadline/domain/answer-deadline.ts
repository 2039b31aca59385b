import { addCalendarDays, endOfOsloDay, osloDate } from '@overgang/core';
import { workingDayOnOrAfter } from '@overgang/norway';

export const ANSWER_POLICY = 'answer-14-days';
export const ANSWER_DAYS = 14;

/**
 * "Frist på 2 uker": the answer is due 14 calendar days after the referral reached the receiver,
 * at the end of that day in Oslo; a due day on a weekend or public holiday moves to the next
 * working day.
 */
export function answerDueAt(reachedAt: Date, days = ANSWER_DAYS): Date {
  const dueDay = workingDayOnOrAfter(addCalendarDays(osloDate(reachedAt), days));
  return endOfOsloDay(dueDay);
}

export type ClockStatus = 'open' | 'met' | 'breached';

/** A clock closes as met when the recipient acts, even after a breach: late is still answered. */
export function canMeet(status: ClockStatus): boolean {
  return status === 'open' || status === 'breached';
}
