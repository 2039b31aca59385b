import { isFinalStatus } from '@overgang/contracts';
import type { ProgressedAction, ReferralStatusCode } from '@overgang/contracts';
import { ClockEvent } from './policy-catalogue';

/** The referral steps that stand for a catalogue event. */
export const STEP_EVENTS: Partial<Record<ProgressedAction, ClockEvent>> = {
  'report-housing-outcome': 'housing-outcome-reported',
  'confirm-deduction': 'deduction-confirmed',
  'answer-assessment': 'answered',
  'request-information': 'information-requested',
  'provide-information': 'information-provided',
  'mark-left-early': 'left-early',
  'mark-readmitted': 'readmitted',
  // The sender asks for a new amount or a stop; it holds only once NAV has confirmed it.
  'change-amount': 'deduction-change-requested',
  'stop-deduction': 'deduction-change-requested',
  'confirm-deduction-change': 'deduction-change-confirmed',
};

/** What a referral step does to the referral's clocks beside the catalogue event it stands for. */
export type StepEffect =
  /** Meets the running clocks of the unit that took the step (all units when it names none). */
  | { kind: 'meet-unit' }
  | { kind: 'pause-running'; reasonCode: string }
  | { kind: 'pause-housing-plan'; reasonCode: string }
  /** Cancels every clock still owed (but none a later step opened). */
  | { kind: 'cancel-owed'; reasonCode: string }
  /** Pauses a running clock of the unit the step names (a partial consent withdrawal). */
  | { kind: 'pause-unit'; reasonCode: string }
  | { kind: 'none' };

export interface ReferralStep {
  action: ProgressedAction;
  toStatus: ReferralStatusCode;
  code?: string | null;
}

export function stepEffect(step: ReferralStep): StepEffect {
  // A rejection is the unit's answer, even when it ends the referral.
  if (step.action === 'reject') return { kind: 'meet-unit' };
  if (step.toStatus === 'suspended') return { kind: 'pause-running', reasonCode: step.code ?? 'SUSPENDED' };
  // Consent withdrawn for one recipient only: its clocks wait, the others' run on.
  if (step.action === 'withhold') return { kind: 'pause-unit', reasonCode: step.code ?? 'CONSENT_WITHDRAWN' };
  // A stop is a request NAV must confirm (its own clock); the confirmation ends the referral.
  if (step.action === 'stop-deduction') return { kind: 'none' };
  // The discharge is off until a new date is set: the housing plan waits with it.
  if (step.action === 'mark-readmitted') return { kind: 'pause-housing-plan', reasonCode: 'READMITTED' };
  if (isFinalStatus(step.toStatus)) return { kind: 'cancel-owed', reasonCode: step.toStatus.toUpperCase() };
  return { kind: 'none' };
}

/**
 * Ended or suspended before its clocks opened here (events on different topics can arrive in either
 * order): remembered, and applied to the clocks when the routing arrives.
 */
export function isRememberedBeforeRouting(status: ReferralStatusCode): boolean {
  return isFinalStatus(status) || status === 'suspended';
}

/** A status remembered from before the routing stops the clocks the routing opens. */
export function earlierStatusEffect(status: string): { kind: 'cancel' | 'pause'; reasonCode: string } {
  return isFinalStatus(status)
    ? { kind: 'cancel', reasonCode: status.toUpperCase() }
    : { kind: 'pause', reasonCode: 'SUSPENDED' };
}
