import { Principal } from '@overgang/auth';
import { NavOutcome, ReferralStepAction } from '@overgang/contracts';
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
  /** The new admission, on or after the day the patient was discharged or left. */
  'mark-readmitted': { admissionDate: string };
  /** The day the patient left (today when not given); the note says why or how, for the municipality. */
  'mark-left-early': { leftOn?: string; note?: string };
  'confirm-deduction': { firstDeductionDate: string };
  'activate-deduction': NoInput;
  /** Asked for from a month (YYYY-MM); NAV's confirmation makes it take effect. */
  'change-amount': { monthlyAmount: number; effectiveMonth: string };
  'stop-deduction': { reasonCode: StopReason; effectiveMonth: string };
  'confirm-deduction-change': NoInput;
  'request-information': { question: string };
  'provide-information': { information: string; attachmentIds?: string[] };
  'answer-assessment': { assessment: string; recommendation: Recommendation; attachmentIds?: string[] };
  /** The note (required for 'other') stays in the history; only the code is published. */
  'record-nav-outcome': { outcome: NavOutcome; note?: string };
}

/** One step on one referral; `action` picks the shape of `input`. */
export interface TakeStepCommand<A extends ReferralStepAction = ReferralStepAction> {
  referralId: string;
  action: A;
  input: StepInputs[A];
  by: Principal;
  correlationId: string;
}
