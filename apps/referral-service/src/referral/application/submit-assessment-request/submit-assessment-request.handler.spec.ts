import { FixedClock } from '@overgang/core';
import { SubmitReferralCommand } from '../submit-referral/submit-referral.command';
import { SubmitReferralHandler } from '../submit-referral/submit-referral.handler';
import { SubmitAssessmentRequestCommand } from './submit-assessment-request.command';
import { SubmitAssessmentRequestHandler } from './submit-assessment-request.handler';

const request: SubmitAssessmentRequestCommand = {
  nationalId: '02018090573',
  name: 'Kari Nordmann',
  municipalityNumber: '3301',
  consentId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  sender: {
    userId: 'cp-drammen-bolig-1',
    organisationNumber: '100000016',
    unitId: 'drammen-boligtjenesten',
    roles: ['housing-caseworker'],
  },
  correlationId: 'corr-assessment-1',
  assessedBy: 'nav-social-services',
  questions: ['Can the person live alone?'],
  documentReferences: [{ reference: 'ARK-1', title: 'Journal' }],
};

/** The common submission stands in: this spec is about what the intake hands it. */
function intakeAt(oslo: string) {
  const submitted: SubmitReferralCommand[] = [];
  const submit = {
    execute: (cmd: SubmitReferralCommand) => {
      submitted.push(cmd);
      return Promise.resolve({ id: 'r-1', possibleDuplicates: [] });
    },
  } as unknown as SubmitReferralHandler;
  const handler = new SubmitAssessmentRequestHandler(submit, new FixedClock(new Date(`${oslo}T10:00:00Z`)));
  return { handler, submitted };
}

describe('SubmitAssessmentRequestHandler', () => {
  it('without a wanted date, the answer is due by the policy rule: 14 days, past Easter to a working day', async () => {
    // 2026-03-19 + 14 days is Maundy Thursday; Good Friday, the weekend and Easter Monday follow.
    const { handler, submitted } = intakeAt('2026-03-19');
    await handler.execute(request);
    expect(submitted[0].details.requestedAnswerDate).toBe('2026-04-07');
  });

  it('keeps a wanted answer date and the document references', async () => {
    const { handler, submitted } = intakeAt('2026-03-19');
    await handler.execute({ ...request, requestedAnswerDate: '2026-03-26' });
    expect(submitted[0]).toMatchObject({
      type: 'assessment-request',
      anchorDate: null,
      receivingUnitKinds: ['nav-social-services'],
      details: { requestedAnswerDate: '2026-03-26', documentReferences: ['Journal (ARK-1)'] },
    });
  });

  it('refuses a wanted answer date that is not after today', () => {
    const { handler, submitted } = intakeAt('2026-03-19');
    expect(() => handler.execute({ ...request, requestedAnswerDate: '2026-03-19' })).toThrow(
      expect.objectContaining({ code: 'REFERRAL.INVALID_DATES', details: { field: 'requestedAnswerDate' } }),
    );
    expect(submitted).toEqual([]);
  });
});
