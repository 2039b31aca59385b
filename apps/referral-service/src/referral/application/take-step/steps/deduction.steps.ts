import { ReferralDetails } from '../../../domain/referral-details';
import { conflict, StepAppliers } from '../step-effect';

/** The confirmed first deduction date, else the first day of the month the sender asked for. */
function firstDeductionDay(details: ReferralDetails): string | null {
  if (typeof details.firstDeductionDate === 'string') return details.firstDeductionDate;
  return typeof details.firstMonth === 'string' ? `${details.firstMonth}-01` : null;
}

/** A benefit deduction's steps: NAV confirms and activates it, the housing office changes or stops it. */
export const DEDUCTION_STEPS: StepAppliers<
  'confirm-deduction' | 'activate-deduction' | 'change-amount' | 'stop-deduction'
> = {
  'confirm-deduction': ({ details }, input) => {
    details.deductionStatus = 'confirmed';
    details.firstDeductionDate = input.firstDeductionDate;
    return { details, code: 'confirmed' };
  },
  'activate-deduction': ({ details, today }) => {
    if (details.deductionStatus !== 'confirmed') {
      throw conflict(
        'REFERRAL.DEDUCTION_NOT_CONFIRMED',
        `A deduction that is ${JSON.stringify(details.deductionStatus)} cannot be activated.`,
        { deductionStatus: details.deductionStatus },
      );
    }
    // Active means money is being taken: not before the first deduction NAV confirmed.
    const from = firstDeductionDay(details);
    if (from !== null && today < from) {
      throw conflict(
        'REFERRAL.DEDUCTION_NOT_DUE',
        `The deduction cannot be activated before its first deduction date ${from}.`,
        { firstDeductionDate: from, today },
      );
    }
    details.deductionStatus = 'active';
    return { details, code: 'active' };
  },
  'change-amount': ({ details }, input) => {
    if (details.deductionStatus !== 'confirmed' && details.deductionStatus !== 'active') {
      throw conflict(
        'REFERRAL.DEDUCTION_NOT_RUNNING',
        'Only a confirmed or active deduction can change amount.',
        { deductionStatus: details.deductionStatus },
      );
    }
    details.previousMonthlyAmount = details.monthlyAmount;
    details.monthlyAmount = input.monthlyAmount;
    return {
      details,
      code: 'amount-changed',
      facts: { from: details.previousMonthlyAmount, to: details.monthlyAmount },
    };
  },
  'stop-deduction': ({ details }, input) => {
    details.deductionStatus = 'stopped';
    details.stopReason = input.reasonCode;
    return { details, code: input.reasonCode };
  },
};
