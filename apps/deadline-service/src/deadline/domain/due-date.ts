import { addCalendarDays, DomainError, endOfOsloDay, osloDate } from '@overgang/core';
import { addWorkingDays, isWorkingDay, workingDayOnOrAfter } from '@overgang/norway';
import { CataloguedPolicy, ClockLength, NonWorkingDayRule } from './policy-catalogue';
import {
  datesBetween,
  holidaysOn,
  nonWorkingDays,
  NonWorkingDays,
  workingDayOnOrBefore,
} from './working-calendar';

export interface Pause {
  from: Date;
  /** null while the clock is still paused. */
  to: Date | null;
  reason: string;
}

export interface DueInput {
  startedAt: Date;
  /** YYYY-MM-DD; required by policies counted back from an anchor. */
  anchorDate?: string | null;
  pauses: readonly Pause[];
  /**
   * When the recipient got the case or its current date (the opening, or the latest move): the clock
   * is due no sooner than the policy's minimum response after it.
   */
  respondFrom?: Date | null;
}

/** How a due date was reached, for a caseworker or an auditor. Dates are Oslo dates, instants ISO. */
export interface DueExplanation {
  policyId: string;
  catalogueVersion: number;
  start: { at: string; osloDate: string };
  counting:
    | { method: 'after-start'; unit: 'calendar-days' | 'working-days'; days: number; pauseDays: number }
    | { method: 'working-days-before-anchor'; anchorDate: string; days: number };
  /** The day the counting landed on, before any weekend or holiday adjustment. */
  countedTo: string;
  /** Weekends and holidays that did not count or that the due day was moved past. */
  skipped: NonWorkingDays;
  adjustment: { from: string; to: string; rule: NonWorkingDayRule; because: string } | null;
  pauses: Array<{ from: string; to: string | null; reason: string; daysAdded: number }>;
  /** null while the clock is paused. */
  dueDate: string | null;
  pausedSince: string | null;
  /** Present when the counted due day left less than the minimum response and was pushed out to it. */
  minimumResponse?: { from: string; days: number; countedDueDate: string; dueDate: string };
}

/** While a pause is open there is no due time: it depends on when the clock resumes. */
export type DueResult =
  | { paused: false; dueAt: Date; explanation: DueExplanation }
  | { paused: true; dueAt: null; explanation: DueExplanation };

export function computeDue(policy: CataloguedPolicy, input: DueInput): DueResult {
  const startDay = osloDate(input.startedAt);
  const length = policy.length;
  const pauses = input.pauses.map((pause) => measurePause(pause, input.startedAt, length));
  const open = input.pauses.find((pause) => pause.to === null);

  let countedTo: string;
  let counting: DueExplanation['counting'];
  if (length.unit === 'working-days-before-anchor') {
    const anchorDate = requireAnchor(policy, input.anchorDate);
    countedTo = addWorkingDays(anchorDate, -length.days);
    counting = { method: 'working-days-before-anchor', anchorDate, days: length.days };
  } else {
    const pauseDays = pauses.reduce((sum, pause) => sum + pause.daysAdded, 0);
    const total = length.days + pauseDays;
    countedTo =
      length.unit === 'calendar-days' ? addCalendarDays(startDay, total) : addWorkingDays(startDay, total);
    counting = { method: 'after-start', unit: length.unit, days: length.days, pauseDays };
  }

  const countedDue =
    policy.onNonWorkingDay === 'next-working-day'
      ? workingDayOnOrAfter(countedTo)
      : workingDayOnOrBefore(countedTo);
  const floor = minimumDueDay(policy, input.respondFrom);
  const dueDay = floor !== null && floor > countedDue ? floor : countedDue;
  const explanation: DueExplanation = {
    policyId: policy.id,
    catalogueVersion: policy.catalogueVersion,
    start: { at: input.startedAt.toISOString(), osloDate: startDay },
    counting,
    countedTo,
    skipped: nonWorkingDays(skippedDates(length, startDay, countedTo, countedDue, input.anchorDate)),
    adjustment:
      countedDue === countedTo
        ? null
        : {
            from: countedTo,
            to: countedDue,
            rule: policy.onNonWorkingDay,
            because: whyNotWorking(countedTo),
          },
    pauses,
    dueDate: open ? null : dueDay,
    pausedSince: open ? open.from.toISOString() : null,
    ...(dueDay !== countedDue && input.respondFrom
      ? {
          minimumResponse: {
            from: input.respondFrom.toISOString(),
            days: policy.minimumResponse.days,
            countedDueDate: countedDue,
            dueDate: dueDay,
          },
        }
      : {}),
  };
  return open
    ? { paused: true, dueAt: null, explanation }
    : { paused: false, dueAt: endOfOsloDay(dueDay), explanation };
}

/**
 * The earliest due day a clock may have: the policy's minimum response in working days after the day
 * the recipient got the case or its current date. A short notice or a date brought forward never
 * leaves a clock due before (or just after) the recipient heard of it.
 */
export function minimumDueDay(policy: CataloguedPolicy, respondFrom: Date | null | undefined): string | null {
  if (!respondFrom) return null;
  return addWorkingDays(osloDate(respondFrom), policy.minimumResponse.days);
}

/**
 * Pause arithmetic: a day is lost to a pause when the clock was paused at its end (midnight Oslo), so a
 * pause adds the Oslo dates from the day it began up to, not including, the day it ended. A pause within
 * one day adds nothing; one from Monday 15:00 to Wednesday 09:00 adds two. Working-day policies add only
 * the working days among them, so a holiday inside a pause is not given twice. Anchored clocks gain
 * nothing: the release or discharge date does not wait for the pause.
 */
function measurePause(pause: Pause, startedAt: Date, length: ClockLength): DueExplanation['pauses'][number] {
  if (pause.from < startedAt || (pause.to !== null && pause.to < pause.from)) {
    throw new DomainError(
      'DEADLINE.INVALID_PAUSE',
      'A pause must begin after the clock started and end after it began.',
      'invalid',
      {
        from: pause.from.toISOString(),
        to: pause.to?.toISOString() ?? null,
      },
    );
  }
  const described = {
    from: pause.from.toISOString(),
    to: pause.to?.toISOString() ?? null,
    reason: pause.reason,
  };
  if (pause.to === null || length.unit === 'working-days-before-anchor')
    return { ...described, daysAdded: 0 };
  const lost = datesBetween(osloDate(pause.from), osloDate(pause.to));
  const daysAdded = length.unit === 'calendar-days' ? lost.length : lost.filter(isWorkingDay).length;
  return { ...described, daysAdded };
}

function skippedDates(
  length: ClockLength,
  startDay: string,
  countedTo: string,
  dueDay: string,
  anchorDate: string | null | undefined,
): string[] {
  switch (length.unit) {
    // Calendar days all count; only the days the due day was moved past are skipped.
    case 'calendar-days':
      return datesBetween(countedTo, dueDay);
    case 'working-days':
      return datesBetween(addCalendarDays(startDay, 1), dueDay);
    case 'working-days-before-anchor':
      return datesBetween(addCalendarDays(dueDay, 1), anchorDate ?? dueDay);
  }
}

function requireAnchor(policy: CataloguedPolicy, anchorDate: string | null | undefined): string {
  if (!anchorDate) {
    throw new DomainError(
      'DEADLINE.ANCHOR_MISSING',
      `The ${policy.id} deadline is counted back from a date that is not known yet.`,
      'unprocessable',
      { policyId: policy.id },
    );
  }
  return anchorDate;
}

function whyNotWorking(date: string): string {
  const names = holidaysOn(date).map((holiday) => holiday.name);
  if (names.length > 0) return `${date} is a public holiday (${names.join(', ')})`;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() === 0 ? 'Sunday' : 'Saturday';
  return `${date} is a ${weekday}`;
}
