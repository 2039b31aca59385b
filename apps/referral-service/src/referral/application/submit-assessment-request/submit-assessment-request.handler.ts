import { Inject, Injectable } from '@nestjs/common';
import { answerDueDate, receivingUnitKinds } from '@overgang/contracts';
import { CLOCK, Clock, osloDate } from '@overgang/core';
import { checkRequestedAnswerDate } from '../../domain/intake';
import { intakeOf } from '../submit-referral/submit-referral.command';
import { SubmitReferralHandler } from '../submit-referral/submit-referral.handler';
import { SubmitAssessmentRequestCommand } from './submit-assessment-request.command';

/**
 * An assessment request: a wanted answer date lies after today; without one, the answer is due by
 * the same rule the deadline policy uses (14 days, moved to a working day).
 */
@Injectable()
export class SubmitAssessmentRequestHandler {
  constructor(
    private readonly submit: SubmitReferralHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(cmd: SubmitAssessmentRequestCommand) {
    const today = osloDate(this.clock.now());
    checkRequestedAnswerDate(cmd.requestedAnswerDate, today);
    return this.submit.execute({
      ...intakeOf(cmd),
      type: 'assessment-request',
      anchorDate: null,
      receivingUnitKinds: receivingUnitKinds('assessment-request', { assessedBy: cmd.assessedBy }),
      details: {
        assessedBy: cmd.assessedBy,
        questions: cmd.questions,
        documentReferences: cmd.documentReferences.map((d) => `${d.title} (${d.reference})`),
        requestedAnswerDate: cmd.requestedAnswerDate ?? answerDueDate(today),
        informationRequested: false,
      },
    });
  }
}
