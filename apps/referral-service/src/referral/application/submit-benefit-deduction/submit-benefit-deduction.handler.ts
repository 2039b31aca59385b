import { Inject, Injectable } from '@nestjs/common';
import { receivingUnitKinds } from '@overgang/contracts';
import { CLOCK, Clock, osloDate } from '@overgang/core';
import { normaliseAccountNumber } from '@overgang/norway';
import { checkFirstMonth } from '../../domain/intake';
import { intakeOf } from '../submit-referral/submit-referral.command';
import { SubmitReferralHandler } from '../submit-referral/submit-referral.handler';
import { SubmitBenefitDeductionCommand } from './submit-benefit-deduction.command';

/** A benefit deduction: from this month on at the earliest; it stays requested until NAV confirms. */
@Injectable()
export class SubmitBenefitDeductionHandler {
  constructor(
    private readonly submit: SubmitReferralHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(cmd: SubmitBenefitDeductionCommand) {
    checkFirstMonth(cmd.firstMonth, osloDate(this.clock.now()));
    return this.submit.execute({
      ...intakeOf(cmd),
      type: 'benefit-deduction',
      anchorDate: null,
      receivingUnitKinds: receivingUnitKinds('benefit-deduction'),
      details: {
        benefit: cmd.benefit,
        monthlyAmount: cmd.monthlyAmount,
        accountNumber: normaliseAccountNumber(cmd.accountNumber),
        kid: cmd.kid,
        firstMonth: cmd.firstMonth,
        guardian: cmd.guardian ? { name: cmd.guardian.name, contact: cmd.guardian.contact ?? null } : null,
        deductionStatus: 'requested',
      },
    });
  }
}
