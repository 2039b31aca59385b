import { Principal } from '@overgang/auth';
import { ReferralStepAction } from '@overgang/contracts';
import { HousingOutcome, Recommendation, ReleaseDateMove, StopReason } from '../../domain/codes';

type NoInput = Record<string, never>;

/** What each step is given beside the referral; free text stays in the history, never published. */
export interface StepInputs {
  reject: { reason: string };
  withdraw: { reason: string };
  cancel: { reason: string };
  complete: { note?: string };
  'confirm-processing-stopped': NoInput;
  'change-release-date': { expectedReleaseDate: string; reasonCode: ReleaseDateMove; note?: string };
  'report-housing-outcome': { outcome: HousingOutcome; reason?: string; date?: string };
  /** The day the person was released; today when not given. */
  'mark-released': { releasedOn?: string };
  'set-discharge-date': { plannedDischargeDate: string; note?: string };
  /** The day the patient was discharged; today when not given. */
  'mark-discharged': { dischargedOn?: string };
  'mark-readmitted': { admissionDate: string };
  /** Why or how, for the municipality that goes on with the case. */
  'mark-left-early': { note?: string };
  'confirm-deduction': { firstDeductionDate: string };
  'activate-deduction': NoInput;
  'change-amount': { monthlyAmount: number };
  'stop-deduction': { reasonCode: StopReason };
  'request-information': { question: string };
  'provide-information': { information: string; attachmentIds?: string[] };
  'answer-assessment': { assessment: string; recommendation: Recommendation; attachmentIds?: string[] };
}

/** One step on one referral; `action` picks the shape of `input`. */
export interface TakeStepCommand<A extends ReferralStepAction = ReferralStepAction> {
  referralId: string;
  action: A;
  input: StepInputs[A];
  by: Principal;
  correlationId: string;
}
