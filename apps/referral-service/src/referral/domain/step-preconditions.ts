import { ReferralStepAction } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { ACTIVE_STATUSES, ReferralStatus } from './referral-state';

/** What a step's precondition reads: nothing but what the referral itself says, and today. */
export interface PreconditionSubject {
  status: ReferralStatus;
  details: Record<string, unknown>;
  /** Today in Oslo (YYYY-MM-DD). */
  today: string;
  /** The recipient unit the caller acts for, on a recipient's step. */
  unitId: string | null;
}

const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, 'conflict', details);

/** Where a discharge notice's patient is: still in, discharged, or gone before the discharge. */
export type Stay = 'admitted' | 'discharged' | 'left-early';

/** A readmission clears both dates (the history keeps them), so the details alone tell the stay. */
export function stayOf(details: Record<string, unknown>): Stay {
  if (typeof details.dischargedOn === 'string') return 'discharged';
  if (typeof details.leftEarlyOn === 'string') return 'left-early';
  return 'admitted';
}

/** The confirmed first deduction date, else the first day of the month the sender asked for. */
export function firstDeductionDay(details: Record<string, unknown>): string | null {
  if (typeof details.firstDeductionDate === 'string') return details.firstDeductionDate;
  return typeof details.firstMonth === 'string' ? `${details.firstMonth}-01` : null;
}

/** The change of amount or stop the sender asked for and NAV has not confirmed yet. */
export interface PendingChange {
  kind: 'amount' | 'stop';
  monthlyAmount?: number;
  reasonCode?: string;
  /** YYYY-MM */
  effectiveMonth: string;
  requestedAt: string;
}

export function pendingChangeOf(details: Record<string, unknown>): PendingChange | null {
  const p = details.pendingChange;
  return p && typeof p === 'object' ? (p as PendingChange) : null;
}

const noPendingChange = ({ details }: PreconditionSubject) => {
  const pending = pendingChangeOf(details);
  return pending
    ? conflict(
        'REFERRAL.CHANGE_PENDING',
        `A ${pending.kind === 'stop' ? 'stop' : 'change of amount'} from ${pending.effectiveMonth} waits for NAV's confirmation; ask for one change at a time.`,
        { pendingChange: { kind: pending.kind, effectiveMonth: pending.effectiveMonth } },
      )
    : null;
};

/**
 * The refusals that the referral's own state decides before any input is read. Each rule is
 * written once: the step handler refuses by it, and `nextSteps` leaves out what it would refuse.
 */
const PRECONDITIONS: { [A in ReferralStepAction]?: (s: PreconditionSubject) => DomainError | null } = {
  reject: ({ details, unitId }) =>
    Array.isArray(details.rejectedBy) && unitId !== null && details.rejectedBy.includes(unitId)
      ? conflict('REFERRAL.ALREADY_REJECTED', 'Your unit has already rejected this referral.', { unitId })
      : null,
  'mark-left-early': ({ details }) =>
    stayOf(details) === 'left-early'
      ? conflict(
          'REFERRAL.ALREADY_LEFT',
          `The patient already left early on ${String(details.leftEarlyOn)}; record a readmission first.`,
          { leftEarlyOn: details.leftEarlyOn },
        )
      : null,
  'mark-readmitted': ({ details }) =>
    stayOf(details) === 'admitted'
      ? conflict(
          'REFERRAL.STILL_ADMITTED',
          'The patient is still admitted: a readmission follows a discharge or an early leave.',
        )
      : null,
  'activate-deduction': ({ details, today }) => {
    if (details.deductionStatus !== 'confirmed') {
      return conflict(
        'REFERRAL.DEDUCTION_NOT_CONFIRMED',
        `A deduction that is ${JSON.stringify(details.deductionStatus)} cannot be activated.`,
        { deductionStatus: details.deductionStatus },
      );
    }
    // Active means money is being taken: not before the first deduction NAV confirmed.
    const from = firstDeductionDay(details);
    return from !== null && today < from
      ? conflict(
          'REFERRAL.DEDUCTION_NOT_DUE',
          `The deduction cannot be activated before its first deduction date ${from}.`,
          { firstDeductionDate: from, today },
        )
      : null;
  },
  'change-amount': (s) =>
    s.details.deductionStatus !== 'confirmed' && s.details.deductionStatus !== 'active'
      ? conflict(
          'REFERRAL.DEDUCTION_NOT_RUNNING',
          'Only a confirmed or active deduction can change amount.',
          {
            deductionStatus: s.details.deductionStatus,
          },
        )
      : noPendingChange(s),
  'stop-deduction': noPendingChange,
  'confirm-deduction-change': ({ details }) =>
    pendingChangeOf(details)
      ? null
      : conflict('REFERRAL.NO_CHANGE_PENDING', 'There is no change of amount or stop to confirm.'),
  'request-information': ({ details }) =>
    details.informationRequested === true
      ? conflict(
          'REFERRAL.INFORMATION_ALREADY_REQUESTED',
          'More information has already been asked for; wait for the reply.',
        )
      : null,
  'provide-information': ({ details }) =>
    details.informationRequested === true
      ? null
      : conflict('REFERRAL.NO_INFORMATION_REQUESTED', 'No information has been asked for.'),
};

/** Why the referral's own state refuses the step now, or null. */
export function preconditionRefusal(action: ReferralStepAction, subject: PreconditionSubject) {
  return PRECONDITIONS[action]?.(subject) ?? null;
}

/**
 * The status a completed discharge notice reopens in: the one it had when the patient was
 * discharged; for one discharged before that was recorded, what the live rules would give.
 */
export function reopenedStatus(
  details: Record<string, unknown>,
  recipients: ReadonlyArray<{ acknowledgedAt: Date | null }>,
): ReferralStatus {
  const before = details.statusAtDischarge as ReferralStatus | undefined;
  if (before && ACTIVE_STATUSES.includes(before)) return before;
  if (typeof details.housingOutcome === 'string') return 'answered';
  return recipients.length > 0 && recipients.every((r) => r.acknowledgedAt !== null)
    ? 'acknowledged'
    : 'delivered';
}
