import { DomainError } from '@overgang/core';
import { StepAppliers, StepContext } from '../step-effect';

/** Attachment ids must belong to this referral. */
async function ownAttachments({ store }: StepContext, ids: string[] | undefined): Promise<string[]> {
  const list = ids ?? [];
  if (list.length === 0) return [];
  if ((await store.countAttachments(list)) !== list.length) {
    throw new DomainError(
      'REFERRAL.UNKNOWN_ATTACHMENT',
      'An attachment id does not belong to this referral.',
      'unprocessable',
      { field: 'attachmentIds' },
    );
  }
  return list;
}

/** An assessment request's steps: more information asked for and given, then the answer. */
export const ASSESSMENT_STEPS: StepAppliers<
  'request-information' | 'provide-information' | 'answer-assessment'
> = {
  // Asked once until the reply, replied only when asked: the steps' preconditions see to both.
  'request-information': ({ details }, input) => {
    details.informationRequested = true;
    return { details, code: 'information-requested', facts: { question: input.question } };
  },
  'provide-information': async (ctx, input) => {
    const { details } = ctx;
    const attachments = await ownAttachments(ctx, input.attachmentIds);
    details.informationRequested = false;
    return {
      details,
      code: 'information-provided',
      facts: { information: input.information, attachmentIds: attachments },
    };
  },
  'answer-assessment': async (ctx, input) => {
    const { details, unitId } = ctx;
    const attachments = await ownAttachments(ctx, input.attachmentIds);
    details.informationRequested = false;
    details.recommendation = input.recommendation;
    details.assessment = input.assessment;
    details.answerAttachmentIds = attachments;
    return {
      details,
      code: input.recommendation,
      facts: { unitId, attachmentIds: attachments },
    };
  },
};
