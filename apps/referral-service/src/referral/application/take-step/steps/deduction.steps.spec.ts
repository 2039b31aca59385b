import { DomainError } from '@overgang/core';
import { ReferralDetails } from '../../../domain/referral-details';
import { Effect, StepContext } from '../step-effect';
import { DEDUCTION_STEPS } from './deduction.steps';

/** The applier is synchronous; the type allows a promise for steps that read the database. */
function activateOn(today: string, details: ReferralDetails): Effect {
  const ctx = { details: { ...details }, today } as unknown as StepContext;
  return DEDUCTION_STEPS['activate-deduction'](ctx, {}) as Effect;
}

describe('activating a benefit deduction', () => {
  const confirmed = { deductionStatus: 'confirmed', firstMonth: '2027-01', firstDeductionDate: '2027-01-12' };

  it('is refused before the first deduction date NAV confirmed, naming the date', () => {
    let error: unknown;
    try {
      activateOn('2027-01-11', confirmed);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'REFERRAL.DEDUCTION_NOT_DUE',
      kind: 'conflict',
      details: { firstDeductionDate: '2027-01-12' },
    });
  });

  it.each(['2027-01-12', '2027-02-01'])('is taken on or after the first deduction date (%s)', (today) => {
    expect(activateOn(today, confirmed)).toMatchObject({
      code: 'active',
      details: { deductionStatus: 'active' },
    });
  });

  it('falls back to the first month asked for when no date was confirmed', () => {
    const noDate = { deductionStatus: 'confirmed', firstMonth: '2027-01' };
    expect(() => activateOn('2026-12-31', noDate)).toThrow(DomainError);
    expect(activateOn('2027-01-01', noDate)).toMatchObject({ code: 'active' });
  });

  it('still refuses a deduction that is not confirmed', () => {
    expect(() => activateOn('2027-02-01', { deductionStatus: 'requested' })).toThrow(
      expect.objectContaining({ code: 'REFERRAL.DEDUCTION_NOT_CONFIRMED' }),
    );
  });
});
