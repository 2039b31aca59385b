import { REFERRAL_STATUSES, REFERRAL_STEP_ACTIONS, REFERRAL_TYPES, ReferralType } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { Caller } from './access';
import { authoriseStep, nextStepsFor, SENDER_ROLE, STEPS, StepSubject, stepsAllowed } from './steps';

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

describe('nextStepsFor', () => {
  const subjectOf = (type: ReferralType, status: StepSubject['status']): StepSubject => ({
    type,
    status,
    senderOrganisation: '100000008',
    senderUnit: 'sender-unit',
    senderUser: 'sender',
    recipients: [
      {
        organisationNumber: '100000016',
        unitId: 'bolig',
        unitKind: 'housing-service',
        contactPersonId: 'cp-bolig',
      },
      {
        organisationNumber: '100000024',
        unitId: 'nav',
        unitKind: 'nav-social-services',
        contactPersonId: 'cp-nav',
      },
    ],
  });
  const callers = (type: ReferralType): Record<string, Caller> => ({
    sender: {
      userId: 'sender',
      organisationNumber: '100000008',
      unitId: 'sender-unit',
      roles: [SENDER_ROLE[type]],
    },
    'sender without the role': {
      userId: 'other',
      organisationNumber: '100000008',
      unitId: 'sender-unit',
      roles: ['security-officer'],
    },
    housing: {
      userId: 'cp-bolig',
      organisationNumber: '100000016',
      unitId: 'bolig',
      roles: ['housing-caseworker'],
    },
    nav: { userId: 'cp-nav', organisationNumber: '100000024', unitId: 'nav', roles: ['nav-caseworker'] },
    'recipient coordinator': {
      userId: 'coord',
      organisationNumber: '100000016',
      unitId: null,
      roles: ['coordinator'],
    },
    outsider: {
      userId: 'x',
      organisationNumber: '100000091',
      unitId: 'elsewhere',
      roles: ['housing-caseworker'],
    },
  });
  const allowed = (action: (typeof REFERRAL_STEP_ACTIONS)[number], subject: StepSubject, caller: Caller) => {
    try {
      authoriseStep(action, subject, caller);
      return true;
    } catch {
      return false;
    }
  };

  for (const type of REFERRAL_TYPES) {
    for (const status of REFERRAL_STATUSES) {
      for (const [side, caller] of Object.entries(callers(type))) {
        it(`offers a ${side} exactly the steps it may take on a ${status} ${type}`, () => {
          const subject = subjectOf(type, status);
          const offered = nextStepsFor(subject, caller);
          expect(offered).toEqual(REFERRAL_STEP_ACTIONS.filter((a) => allowed(a, subject, caller)));
          expect(offered.every((a) => stepsAllowed(type, status).includes(a))).toBe(true);
        });
      }
    }
  }

  it('never offers NAV a housing outcome, and offers the housing service one', () => {
    const subject = subjectOf('release-notice', 'acknowledged');
    expect(nextStepsFor(subject, callers('release-notice').nav)).toEqual(['reject']);
    expect(nextStepsFor(subject, callers('release-notice').housing)).toEqual([
      'reject',
      'report-housing-outcome',
    ]);
  });

  it("offers the sender its own steps and none of the recipients'", () => {
    const subject = subjectOf('release-notice', 'delivered');
    expect(nextStepsFor(subject, callers('release-notice').sender)).toEqual([
      'withdraw',
      'cancel',
      'change-release-date',
      'mark-released',
    ]);
    expect(nextStepsFor(subject, callers('release-notice')['sender without the role'])).toEqual([]);
    expect(nextStepsFor(subject, callers('release-notice').outsider)).toEqual([]);
  });
});
