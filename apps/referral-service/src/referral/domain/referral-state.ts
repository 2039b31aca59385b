import {
  FINAL_REFERRAL_STATUSES,
  isFinalStatus,
  REFERRAL_STATUSES,
  ReferralStatusCode,
} from '@overgang/contracts';
import { DomainError } from '@overgang/core';

/** The common lifecycle of every referral type (the status codes are part of the contracts). */
export type ReferralStatus = ReferralStatusCode;

type FinalStatus = (typeof FINAL_REFERRAL_STATUSES)[number];

/** Where each status may go: the compiler holds the table to the contracts' final statuses. */
const ALLOWED: {
  [S in ReferralStatus]: S extends FinalStatus ? readonly [] : readonly [ReferralStatus, ...ReferralStatus[]];
} = {
  // A release or discharge can happen before anyone answered; an answer implies the recipient has it.
  submitted: ['delivered', 'completed', 'withdrawn', 'suspended', 'cancelled'],
  delivered: ['acknowledged', 'answered', 'completed', 'rejected', 'withdrawn', 'suspended', 'cancelled'],
  acknowledged: ['answered', 'completed', 'rejected', 'withdrawn', 'suspended', 'cancelled'],
  answered: ['completed', 'withdrawn', 'suspended', 'cancelled'],
  // Without consent nothing moves on; the sender can still end it (resuming needs a new consent).
  suspended: ['withdrawn', 'cancelled'],
  completed: [],
  rejected: [],
  withdrawn: [],
  cancelled: [],
};

export function isOpen(status: ReferralStatus): boolean {
  return !isFinalStatus(status);
}

/** Live under a consent that holds: the states senders and recipients work in. */
export const ACTIVE_STATUSES: readonly ReferralStatus[] = [
  'submitted',
  'delivered',
  'acknowledged',
  'answered',
];

/** Not ended: the active states and a suspension. */
export const OPEN_STATUSES: readonly ReferralStatus[] = REFERRAL_STATUSES.filter(isOpen);

/** Returns the new status or refuses the step, naming the current state and the steps allowed from it. */
export function transition(from: ReferralStatus, to: ReferralStatus): ReferralStatus {
  const allowed: readonly ReferralStatus[] = ALLOWED[from];
  if (!allowed.includes(to)) {
    throw new DomainError(
      'REFERRAL.ILLEGAL_TRANSITION',
      `A referral that is ${from} cannot become ${to}. ${
        isFinalStatus(from) ? `${from} is final.` : `From ${from} it can become: ${allowed.join(', ')}.`
      }`,
      'conflict',
      { currentStatus: from, requestedStatus: to, allowedNext: allowed },
    );
  }
  return to;
}

export interface RecipientState {
  unitId: string;
  acknowledgedAt: Date | null;
}

/**
 * A referral counts as acknowledged only when every recipient has acknowledged it: one party
 * saying "got it" must not hide that the other has not.
 */
export function statusAfterAcknowledgement(
  current: ReferralStatus,
  recipients: RecipientState[],
): ReferralStatus {
  const allAcknowledged = recipients.length > 0 && recipients.every((r) => r.acknowledgedAt !== null);
  // Only a delivered referral becomes acknowledged; one already answered stays answered.
  return allAcknowledged && current === 'delivered' ? transition(current, 'acknowledged') : current;
}

/** A recipient can acknowledge while the referral is live; not once it ended or is suspended. */
export const ACKNOWLEDGEABLE: readonly ReferralStatus[] = ['delivered', 'acknowledged', 'answered'];

/**
 * A step's transition. The one way back from a final status: a patient readmitted after the
 * discharge reopens the completed discharge notice in an active status; no other step may.
 */
export function stepTransition(action: string, from: ReferralStatus, to: ReferralStatus): ReferralStatus {
  const reopens = action === 'mark-readmitted' && from === 'completed' && ACTIVE_STATUSES.includes(to);
  return reopens ? to : transition(from, to);
}
