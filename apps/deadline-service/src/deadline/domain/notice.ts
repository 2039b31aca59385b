import { osloDate } from '@overgang/core';
import { CataloguedPolicy } from './policy-catalogue';
import { workingDaysBetween } from './working-calendar';

/** The notice a clock was given: how long before the date it counts back from the recipient heard of it. */
export interface Notice {
  /** Working days between the notice and the date; null for clocks not counted back from a date. */
  noticeGivenDays: number | null;
  /** The policy's lead time; null for clocks not counted back from a date. */
  leadTimeDays: number | null;
  /** Less notice than the lead time: a breach is the notice's, not the recipient's. */
  shortNotice: boolean;
}

export function noticeOf(
  policy: CataloguedPolicy,
  noticeAt: Date | null,
  anchorDate: string | null | undefined,
): Notice {
  if (policy.length.unit !== 'working-days-before-anchor' || policy.leadTimeDays === null)
    return { noticeGivenDays: null, leadTimeDays: null, shortNotice: false };
  if (!noticeAt || !anchorDate)
    return { noticeGivenDays: null, leadTimeDays: policy.leadTimeDays, shortNotice: false };
  const given = workingDaysBetween(osloDate(noticeAt), anchorDate);
  return {
    noticeGivenDays: given,
    leadTimeDays: policy.leadTimeDays,
    shortNotice: given < policy.leadTimeDays,
  };
}

/**
 * From when a moved date's notice counts: a date brought forward (or first set) is news from the
 * move on; a date put off leaves the recipient the notice it already had.
 */
export function noticeFromAfterMove(
  current: { noticeFrom: Date | null; anchorDate: string | null },
  move: { anchorTo: string; at: Date },
): Date {
  if (!current.noticeFrom || !current.anchorDate || move.anchorTo < current.anchorDate) return move.at;
  return current.noticeFrom;
}

/** Met after its due time: a late answer in every figure, whether or not the breach had fired yet. */
export function isMetLate(dueAt: Date, metAt: Date): boolean {
  return metAt.getTime() > dueAt.getTime();
}
