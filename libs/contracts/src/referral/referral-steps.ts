import { ReferralStatusCode } from './referral-statuses';

/**
 * Every step a person can take on a referral (the referral service's step catalogue decides who
 * and from which state). The progressed event carries one of these, or a hub step.
 */
export const REFERRAL_STEP_ACTIONS = [
  'reject',
  'withdraw',
  'cancel',
  'complete',
  'confirm-processing-stopped',
  'change-release-date',
  'report-housing-outcome',
  'mark-released',
  'set-discharge-date',
  'mark-discharged',
  'mark-readmitted',
  'mark-left-early',
  'confirm-deduction',
  'activate-deduction',
  'change-amount',
  'stop-deduction',
  'confirm-deduction-change',
  'request-information',
  'provide-information',
  'answer-assessment',
  'record-nav-outcome',
] as const;
export type ReferralStepAction = (typeof REFERRAL_STEP_ACTIONS)[number];

/**
 * What NAV's social services did for the person (record-nav-outcome): published as the progressed
 * event's code, so the sender and the statistics see it without any free text.
 */
export const NAV_OUTCOMES = [
  'financial-assistance-granted',
  'benefit-application-started',
  'follow-up-meeting-booked',
  'temporary-housing-arranged',
  'referred-elsewhere',
  'no-action-needed',
  'other',
] as const;
export type NavOutcome = (typeof NAV_OUTCOMES)[number];

/**
 * Steps the hub itself takes: a consent withdrawn or expired suspends the referral; withdrawn for
 * some recipients only, it is withheld from each of their units (recipientUnitId) alone.
 */
export const HUB_STEP_ACTIONS = ['suspend', 'withhold'] as const;
export type HubStepAction = (typeof HUB_STEP_ACTIONS)[number];

/** What `referral.progressed.v1` may name as its action. */
export const PROGRESSED_ACTIONS = [...REFERRAL_STEP_ACTIONS, ...HUB_STEP_ACTIONS] as const;
export type ProgressedAction = (typeof PROGRESSED_ACTIONS)[number];

/** Statuses a referral never leaves: no clock runs and no holder works on it any more. */
export const FINAL_REFERRAL_STATUSES = [
  'completed',
  'rejected',
  'withdrawn',
  'cancelled',
] as const satisfies readonly ReferralStatusCode[];

export function isFinalStatus(status: string): boolean {
  return (FINAL_REFERRAL_STATUSES as readonly string[]).includes(status);
}
