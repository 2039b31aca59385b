import { ConsentPurpose, ReferralType } from '@overgang/contracts';
import { DomainError } from '@overgang/core';

/** The consent purpose each referral type relies on. */
export const PURPOSE_OF: Record<ReferralType, ConsentPurpose> = {
  'release-notice': 'release-housing',
  'discharge-notice': 'discharge-housing',
  'benefit-deduction': 'benefit-deduction',
  'assessment-request': 'assessment',
};

const invalid = (field: string, message: string) =>
  new DomainError('REFERRAL.INVALID_DATES', message, 'invalid', { field });

export function checkReleaseDate(expectedReleaseDate: string, today: string): void {
  if (expectedReleaseDate < today)
    throw invalid('expectedReleaseDate', 'The expected release date has already passed.');
}

/** Admission is in the past or today; a planned discharge comes after admission. */
export function checkDischargeDates(
  admissionDate: string,
  plannedDischargeDate: string | undefined,
  today: string,
): void {
  if (admissionDate > today) throw invalid('admissionDate', 'The admission date cannot be in the future.');
  if (plannedDischargeDate !== undefined && plannedDischargeDate < admissionDate) {
    throw invalid(
      'plannedDischargeDate',
      'The planned discharge date must be on or after the admission date.',
    );
  }
}

/** The first deduction month cannot lie in the past. */
export function checkFirstMonth(firstMonth: string, today: string): void {
  if (firstMonth < today.slice(0, 7))
    throw invalid('firstMonth', 'The first month to deduct has already passed.');
}

export function checkRequestedAnswerDate(date: string | undefined, today: string): void {
  if (date !== undefined && date <= today) {
    throw invalid('requestedAnswerDate', 'The requested answer date must be after today.');
  }
}

/** Two referrals overlap when their periods (submission to anchor date, or 90 days) intersect. */
export function periodsOverlap(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}
