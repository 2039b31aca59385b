import { DomainError } from '@overgang/core';
import { ReferralDetails } from '../../../domain/referral-details';
import { Effect, StepContext } from '../step-effect';
import { DEDUCTION_STEPS } from './deduction.steps';

const NOW = new Date('2027-01-11T09:00:00Z');
const confirmed: ReferralDetails = {
  deductionStatus: 'confirmed',
  monthlyAmount: 7500,
  firstMonth: '2027-02',
  firstDeductionDate: '2027-02-12',
};
/** The appliers are synchronous; the type allows a promise for steps that read the database. */
const ctxOf = (details: ReferralDetails, today = '2027-01-11') =>
  ({ details: { ...details }, today, now: NOW }) as unknown as StepContext;

function refusalOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('changing or stopping a benefit deduction', () => {
  it('records a change of amount as pending, for NAV to confirm, and leaves the amount as it is', () => {
    const effect = DEDUCTION_STEPS['change-amount'](ctxOf(confirmed), {
      monthlyAmount: 8000,
      effectiveMonth: '2027-03',
    }) as Effect;
    expect(effect).toMatchObject({
      code: 'amount-change-requested',
      details: {
        monthlyAmount: 7500,
        pendingChange: {
          kind: 'amount',
          monthlyAmount: 8000,
          effectiveMonth: '2027-03',
          requestedAt: NOW.toISOString(),
        },
      },
    });
    expect(effect.status).toBeUndefined();
  });

  it.each([
    [
      'a month passed',
      '2026-12',
      '2027-01',
      { deductionStatus: 'active', monthlyAmount: 7500, firstMonth: '2026-10' },
    ],
    ['before the first deduction', '2027-01', '2027-02', confirmed],
  ])(
    'refuses a change of amount from %s, naming the first month it may take',
    (_, month, notBefore, details) => {
      expect(
        refusalOf(() =>
          DEDUCTION_STEPS['change-amount'](ctxOf(details), { monthlyAmount: 8000, effectiveMonth: month }),
        ),
      ).toMatchObject({
        code: 'REFERRAL.INVALID_DATES',
        kind: 'invalid',
        details: { field: 'effectiveMonth', notBefore },
      });
    },
  );

  it('lets a stop take effect from this month, not an earlier one', () => {
    const stop = (effectiveMonth: string) =>
      DEDUCTION_STEPS['stop-deduction'](ctxOf(confirmed), {
        reasonCode: 'tenancy-ended',
        effectiveMonth,
      }) as Effect;
    expect(stop('2027-01')).toMatchObject({
      code: 'stop-requested',
      details: { deductionStatus: 'confirmed', pendingChange: { kind: 'stop', reasonCode: 'tenancy-ended' } },
    });
    expect(refusalOf(() => stop('2026-12')).details).toMatchObject({ notBefore: '2027-01' });
  });

  it("applies NAV's confirmation: a new amount keeps the previous one, a stop completes the deduction", () => {
    const amount = DEDUCTION_STEPS['confirm-deduction-change'](
      ctxOf({
        ...confirmed,
        pendingChange: { kind: 'amount', monthlyAmount: 8000, effectiveMonth: '2027-03', requestedAt: 'x' },
      }),
      {},
    ) as Effect;
    expect(amount).toMatchObject({
      code: 'change-confirmed',
      facts: { kind: 'amount', effectiveMonth: '2027-03' },
      details: {
        monthlyAmount: 8000,
        previousMonthlyAmount: 7500,
        monthlyAmountFrom: '2027-03',
        pendingChange: null,
      },
    });
    expect(amount.status).toBeUndefined();
    const stop = DEDUCTION_STEPS['confirm-deduction-change'](
      ctxOf({
        ...confirmed,
        pendingChange: {
          kind: 'stop',
          reasonCode: 'by-request',
          effectiveMonth: '2027-02',
          requestedAt: 'x',
        },
      }),
      {},
    ) as Effect;
    expect(stop).toMatchObject({
      status: 'completed',
      code: 'change-confirmed',
      details: {
        deductionStatus: 'stopped',
        stopReason: 'by-request',
        stoppedFrom: '2027-02',
        monthlyAmount: 7500,
      },
    });
  });
});
