import { ANCHOR_CHANGE_REASONS, ReferralStepAction } from '@overgang/contracts';
import { Principal } from '@overgang/auth';
import { DomainError, JsonObject } from '@overgang/core';
import { ReferralDetails } from '../../domain/referral-details';
import { ReferralStatus } from '../../domain/referral-state';
import { StepInputs } from './take-step.command';

/** What a step does to the referral beyond its status. */
export interface Effect {
  details?: ReferralDetails;
  anchor?: {
    kind: 'expected-release' | 'planned-discharge';
    to: string;
    reasonCode: (typeof ANCHOR_CHANGE_REASONS)[number];
  };
  /** Non-personal code published with the step (an outcome, a reason code). */
  code?: string;
  /** Kept in the referral's history only (free text may hold personal details). */
  facts?: JsonObject;
  /** The step is recorded but the status stays (one of several recipients rejecting). */
  keepStatus?: boolean;
  /**
   * The status, when the input or the details decide it rather than the step's rule: a confirmed
   * stop completes the deduction, a readmission reopens a completed discharge notice.
   */
  status?: ReferralStatus;
}

/** The database work a step may need, bound to the step's transaction and referral. */
export interface StepStore {
  /** False when the caller's organisation had nothing left to confirm. */
  confirmProcessingStopped(): Promise<boolean>;
  /** How many of these ids are attachments of the referral. */
  countAttachments(ids: string[]): Promise<number>;
  /**
   * Why the referral's consent no longer covers it, or null; held until the step commits, so that
   * a withdrawal at the same moment waits and then sees the reopened referral.
   */
  consentRefusal(): Promise<DomainError | null>;
}

export interface StepContext {
  referral: { id: string; type: string; status: string; anchorDate: string | null };
  /** A copy of the referral's details, for the step to change and return. */
  details: ReferralDetails;
  recipients: ReadonlyArray<{ unitId: string; acknowledgedAt: Date | null }>;
  caller: Principal;
  /** The recipient unit the caller acts for, on a recipient's step. */
  unitId: string | null;
  now: Date;
  /** Today in Oslo (YYYY-MM-DD). */
  today: string;
  store: StepStore;
}

export type StepApplier<A extends ReferralStepAction> = (
  ctx: StepContext,
  input: StepInputs[A],
) => Effect | Promise<Effect>;

/** Appliers for a family of steps; together the families cover every step action. */
export type StepAppliers<A extends ReferralStepAction> = { [K in A]: StepApplier<K> };

export const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, 'conflict', details);
