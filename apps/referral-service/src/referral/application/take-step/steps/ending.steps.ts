import { conflict, StepAppliers } from '../step-effect';

/** Steps that end a referral or follow its end, for every type. */
export const ENDING_STEPS: StepAppliers<
  'reject' | 'withdraw' | 'cancel' | 'complete' | 'confirm-processing-stopped'
> = {
  reject: ({ details, unitId, recipients, referral }, input) => {
    // One recipient saying "not for us" ends the referral only when every recipient has said so.
    const rejectedBy = [...new Set([...((details.rejectedBy as string[] | undefined) ?? []), unitId ?? ''])];
    details.rejectedBy = rejectedBy;
    const all = recipients.every((r) => rejectedBy.includes(r.unitId));
    if (all && referral.type === 'benefit-deduction') details.deductionStatus = 'rejected';
    return { details, code: 'rejected', facts: { reason: input.reason }, keepStatus: !all };
  },
  withdraw: (_ctx, input) => ({ facts: { reason: input.reason } }),
  cancel: (_ctx, input) => ({ facts: { reason: input.reason } }),
  complete: (_ctx, input) => ({ facts: { note: input.note ?? null } }),
  'confirm-processing-stopped': async ({ store }) => {
    if (!(await store.confirmProcessingStopped())) {
      throw conflict(
        'REFERRAL.STOP_ALREADY_CONFIRMED',
        'Your organisation has already confirmed that it stopped processing.',
      );
    }
    return { code: 'processing-stopped' };
  },
};
