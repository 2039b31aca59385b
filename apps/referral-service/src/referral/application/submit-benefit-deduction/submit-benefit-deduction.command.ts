import { Benefit } from '../../domain/codes';
import { IntakeCommand } from '../submit-referral/submit-referral.command';

/** The housing office asks NAV to deduct the rent from a benefit, with the tenant's consent. */
export interface SubmitBenefitDeductionCommand extends IntakeCommand {
  benefit: Benefit;
  /** Whole NOK a month. */
  monthlyAmount: number;
  /** The municipality's collection account, as written (normalised when stored). */
  accountNumber: string;
  kid: string;
  /** First month to deduct, YYYY-MM. */
  firstMonth: string;
  guardian?: { name: string; contact?: string };
}
