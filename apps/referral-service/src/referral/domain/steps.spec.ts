import { REFERRAL_STEP_ACTIONS } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { authoriseStep, STEPS, StepSubject, stepsAllowed } from './steps';

const deduction: StepSubject = {
  type: 'benefit-deduction',
  status: 'delivered',
  senderOrganisation: '100000016',
  senderUnit: 'drammen-boligtjenesten',
  senderUser: 'cp-bolig',
  recipients: [
    {
      organisationNumber: '100000024',
      unitId: 'nav-drammen-sosial',
      unitKind: 'nav-social-services',
      contactPersonId: 'cp-nav',
    },
  ],
};
const nav = {
  userId: 'cp-nav',
  organisationNumber: '100000024',
  unitId: 'nav-drammen-sosial',
  roles: ['nav-caseworker'],
};
const housing = {
  userId: 'cp-bolig',
  organisationNumber: '100000016',
  unitId: 'drammen-boligtjenesten',
  roles: ['housing-caseworker'],
};

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('authoriseStep', () => {
  it('lets NAV confirm a deduction it received, into answered', () => {
    expect(authoriseStep('confirm-deduction', deduction, nav).to).toBe('answered');
  });

  it('refuses the sender a recipient step and the recipient a sender step (403)', () => {
    expect(refusal(() => authoriseStep('confirm-deduction', deduction, housing)).code).toBe(
      'REFERRAL.RECIPIENT_ONLY',
    );
    expect(
      refusal(() => authoriseStep('change-amount', { ...deduction, status: 'answered' }, nav)).code,
    ).toBe('REFERRAL.SENDER_ONLY');
  });

  it('refuses a sender-side step to another unit of the sending municipality, which cannot even see it', () => {
    const followUp = { ...housing, userId: 'cp-rus', unitId: 'drammen-rus' };
    expect(refusal(() => authoriseStep('withdraw', deduction, followUp)).code).toBe('REFERRAL.NOT_FOUND');
  });

  it('refuses a sender-side step to the sending organisation’s coordinator without the sender’s role', () => {
    const coordinator = { ...housing, userId: 'coord', unitId: 'drammen-rus', roles: ['coordinator'] };
    expect(refusal(() => authoriseStep('withdraw', deduction, coordinator)).code).toBe(
      'REFERRAL.SENDER_ONLY',
    );
  });

  it('answers an illegal step with the current state and the steps allowed (409)', () => {
    const e = refusal(() => authoriseStep('change-amount', deduction, housing));
    expect(e.kind).toBe('conflict');
    expect(e.details).toMatchObject({
      currentStatus: 'delivered',
      allowedNext: stepsAllowed('benefit-deduction', 'delivered'),
    });
  });

  it('hides the referral from anyone else (404)', () => {
    const outsider = { ...nav, organisationNumber: '100000040' };
    expect(refusal(() => authoriseStep('confirm-deduction', deduction, outsider)).kind).toBe('not-found');
  });

  it('names steps that do not exist for the type', () => {
    expect(refusal(() => authoriseStep('mark-released', deduction, housing)).code).toBe(
      'REFERRAL.STEP_NOT_FOR_TYPE',
    );
  });

  it('lets only a housing service report a housing outcome', () => {
    const release: StepSubject = {
      ...deduction,
      type: 'release-notice',
      senderOrganisation: '100000008',
      senderUnit: null,
      recipients: [
        ...deduction.recipients,
        {
          organisationNumber: '100000016',
          unitId: 'drammen-boligtjenesten',
          unitKind: 'housing-service',
          contactPersonId: 'cp-bolig',
        },
      ],
    };
    expect(authoriseStep('report-housing-outcome', release, housing).to).toBe('answered');
    expect(refusal(() => authoriseStep('report-housing-outcome', release, nav)).code).toBe(
      'REFERRAL.WRONG_UNIT',
    );
  });
});

describe('the step catalogue', () => {
  it('has a rule for every step action in the contracts, and no step the contracts do not know', () => {
    const ruled = new Set(STEPS.map((s) => s.action));
    expect(REFERRAL_STEP_ACTIONS.filter((a) => !ruled.has(a))).toEqual([]);
    expect([...ruled].filter((a) => !(REFERRAL_STEP_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });
});
