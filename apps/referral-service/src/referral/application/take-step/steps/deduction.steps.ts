import { DomainError } from '@overgang/core';
import { firstDeductionDay, PendingChange, pendingChangeOf } from '../../../domain/step-preconditions';
import { StepAppliers } from '../step-effect';

/** A change takes effect from a month that has not passed, and an amount not before the first deduction. */
function checkEffectiveMonth(effectiveMonth: string, notBefore: string) {
  if (effectiveMonth < notBefore) {
    throw new DomainError(
      'REFERRAL.INVALID_DATES',
      `The change cannot take effect before ${notBefore}.`,
      'invalid',
      { field: 'effectiveMonth', notBefore },
    );
  }
}

/**
 * A benefit deduction's steps: NAV confirms and activates it; the housing office asks for a new
 * amount or a stop from a month, which takes effect when NAV confirms it.
 */
export const DEDUCTION_STEPS: StepAppliers<
  'confirm-deduction' | 'activate-deduction' | 'change-amount' | 'stop-deduction' | 'confirm-deduction-change'
> = {
  'confirm-deduction': ({ details }, input) => {
    details.deductionStatus = 'confirmed';
    details.firstDeductionDate = input.firstDeductionDate;
    return { details, code: 'confirmed' };
  },
  // Confirmed and due: the step's precondition (step-preconditions.ts) has checked both.
  'activate-deduction': ({ details }) => {
    details.deductionStatus = 'active';
    return { details, code: 'active' };
  },
  'change-amount': ({ details, today, now }, input) => {
    const current = today.slice(0, 7);
    const first = firstDeductionDay(details)?.slice(0, 7) ?? current;
    checkEffectiveMonth(input.effectiveMonth, first > current ? first : current);
    const pending: PendingChange = {
      kind: 'amount',
      monthlyAmount: input.monthlyAmount,
      effectiveMonth: input.effectiveMonth,
      requestedAt: now.toISOString(),
    };
    details.pendingChange = { ...pending };
    return {
      details,
      code: 'amount-change-requested',
      facts: { from: details.monthlyAmount, to: input.monthlyAmount, effectiveMonth: input.effectiveMonth },
    };
  },
  'stop-deduction': ({ details, today, now }, input) => {
    checkEffectiveMonth(input.effectiveMonth, today.slice(0, 7));
    details.pendingChange = {
      kind: 'stop',
      reasonCode: input.reasonCode,
      effectiveMonth: input.effectiveMonth,
      requestedAt: now.toISOString(),
    };
    return {
      details,
      code: 'stop-requested',
      facts: { reasonCode: input.reasonCode, effectiveMonth: input.effectiveMonth },
    };
  },
  'confirm-deduction-change': ({ details, now }) => {
    // The precondition saw a pending change.
    const change = pendingChangeOf(details) as PendingChange;
    details.pendingChange = null;
    const facts = { kind: change.kind, effectiveMonth: change.effectiveMonth };
    if (change.kind === 'stop') {
      details.deductionStatus = 'stopped';
      details.stopReason = change.reasonCode ?? null;
      details.stoppedFrom = change.effectiveMonth;
      return { details, status: 'completed', code: 'change-confirmed', facts };
    }
    details.previousMonthlyAmount = details.monthlyAmount;
    details.monthlyAmount = change.monthlyAmount ?? details.monthlyAmount;
    details.monthlyAmountFrom = change.effectiveMonth;
    details.changeConfirmedAt = now.toISOString();
    return { details, code: 'change-confirmed', facts };
  },
};
