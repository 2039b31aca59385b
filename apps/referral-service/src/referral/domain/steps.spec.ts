import { REFERRAL_STATUSES, REFERRAL_STEP_ACTIONS, REFERRAL_TYPES, ReferralType } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { Caller } from './access';
import { authoriseStep, nextStepsFor, SENDER_ROLE, STEPS, StepSubject, stepsAllowed } from './steps';

const TODAY = '2027-01-11';
const deduction: StepSubject = {
  type: 'benefit-deduction',
  status: 'delivered',
  details: {},
  today: TODAY,
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
    details: {},
    today: TODAY,
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
    expect(nextStepsFor(subject, callers('release-notice').nav)).toEqual(['reject', 'record-nav-outcome']);
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

  it('offers confirming the stop only to an organisation that has not confirmed it yet', () => {
    const suspended = subjectOf('release-notice', 'suspended');
    const nav = callers('release-notice').nav;
    expect(nextStepsFor(suspended, nav)).toEqual(['confirm-processing-stopped']);
    expect(nextStepsFor({ ...suspended, stopsToConfirm: [nav.organisationNumber] }, nav)).toEqual([
      'confirm-processing-stopped',
    ]);
    expect(nextStepsFor({ ...suspended, stopsToConfirm: [] }, nav)).toEqual([]);
  });
});

describe('step preconditions: offered exactly when the step would be taken', () => {
  const sender = { userId: 'staff', organisationNumber: '100000121', unitId: 'dps', roles: [] as string[] };
  const discharge = (status: StepSubject['status'], details: Record<string, unknown>): StepSubject => ({
    type: 'discharge-notice',
    status,
    details,
    today: TODAY,
    senderOrganisation: '100000121',
    senderUnit: 'dps',
    senderUser: 'staff',
    recipients: [
      {
        organisationNumber: '100000016',
        unitId: 'bolig',
        unitKind: 'housing-service',
        contactPersonId: 'cp-bolig',
      },
    ],
  });
  const staff = { ...sender, roles: [SENDER_ROLE['discharge-notice']] };
  const answered = (details: Record<string, unknown>) => ({
    ...deduction,
    status: 'answered' as const,
    details,
  });
  const confirmed = { deductionStatus: 'confirmed', firstMonth: '2027-01', firstDeductionDate: '2027-01-12' };
  const offers = (subject: StepSubject, caller: Caller, action: (typeof REFERRAL_STEP_ACTIONS)[number]) =>
    nextStepsFor(subject, caller).includes(action);

  it('does not offer activation before the first deduction date, and refuses it naming the date', () => {
    const before = answered(confirmed);
    expect(offers(before, nav, 'activate-deduction')).toBe(false);
    expect(refusal(() => authoriseStep('activate-deduction', before, nav))).toMatchObject({
      code: 'REFERRAL.DEDUCTION_NOT_DUE',
      kind: 'conflict',
      details: { firstDeductionDate: '2027-01-12' },
    });
    for (const today of ['2027-01-12', '2027-02-01']) {
      expect(offers({ ...before, today }, nav, 'activate-deduction')).toBe(true);
    }
  });

  it('falls back to the first month asked for when no date was confirmed, and needs a confirmed deduction', () => {
    const noDate = answered({ deductionStatus: 'confirmed', firstMonth: '2027-02' });
    expect(offers({ ...noDate, today: '2027-01-31' }, nav, 'activate-deduction')).toBe(false);
    expect(offers({ ...noDate, today: '2027-02-01' }, nav, 'activate-deduction')).toBe(true);
    const active = answered({ ...confirmed, deductionStatus: 'active' });
    expect(
      refusal(() => authoriseStep('activate-deduction', { ...active, today: '2027-03-01' }, nav)).code,
    ).toBe('REFERRAL.DEDUCTION_NOT_CONFIRMED');
  });

  it('allows one pending change at a time, and offers NAV its confirmation only while one waits', () => {
    const running = answered(confirmed);
    expect(nextStepsFor(running, housing)).toEqual(['withdraw', 'change-amount', 'stop-deduction']);
    expect(offers(running, nav, 'confirm-deduction-change')).toBe(false);
    expect(refusal(() => authoriseStep('confirm-deduction-change', running, nav)).code).toBe(
      'REFERRAL.NO_CHANGE_PENDING',
    );
    const pendingChange = {
      kind: 'amount',
      monthlyAmount: 8000,
      effectiveMonth: '2027-02',
      requestedAt: 'x',
    };
    const pending = answered({ ...confirmed, pendingChange });
    expect(nextStepsFor(pending, housing)).toEqual(['withdraw']);
    for (const action of ['change-amount', 'stop-deduction'] as const) {
      expect(refusal(() => authoriseStep(action, pending, housing))).toMatchObject({
        code: 'REFERRAL.CHANGE_PENDING',
        details: { pendingChange: { kind: 'amount', effectiveMonth: '2027-02' } },
      });
    }
    expect(offers(pending, nav, 'confirm-deduction-change')).toBe(true);
    expect(authoriseStep('confirm-deduction-change', pending, nav).to).toBe('answered');
    // A confirmed change clears it: the sender may ask again.
    expect(offers(answered({ ...confirmed, pendingChange: null }), housing, 'change-amount')).toBe(true);
  });

  it('offers a readmission only after a discharge or an early leave, and an early leave only once until then', () => {
    const admitted = discharge('acknowledged', { admissionDate: '2027-01-01' });
    expect(offers(admitted, staff, 'mark-readmitted')).toBe(false);
    expect(refusal(() => authoriseStep('mark-readmitted', admitted, staff)).code).toBe(
      'REFERRAL.STILL_ADMITTED',
    );
    expect(offers(admitted, staff, 'mark-left-early')).toBe(true);

    const left = discharge('acknowledged', { admissionDate: '2027-01-01', leftEarlyOn: '2027-01-10' });
    expect(offers(left, staff, 'mark-left-early')).toBe(false);
    expect(refusal(() => authoriseStep('mark-left-early', left, staff))).toMatchObject({
      code: 'REFERRAL.ALREADY_LEFT',
      details: { leftEarlyOn: '2027-01-10' },
    });
    expect(offers(left, staff, 'mark-readmitted')).toBe(true);
    expect(offers(left, staff, 'mark-discharged')).toBe(true);

    const discharged = discharge('completed', { admissionDate: '2027-01-01', dischargedOn: '2027-01-10' });
    expect(nextStepsFor(discharged, staff)).toEqual(['mark-readmitted']);
    expect(authoriseStep('mark-readmitted', discharged, staff).to).toBe('completed');
  });

  it('offers a recipient no second rejection, and the sender no reply to a question not asked', () => {
    const rejected = { ...deduction, details: { rejectedBy: ['nav-drammen-sosial'] } };
    expect(offers(deduction, nav, 'reject')).toBe(true);
    expect(offers(rejected, nav, 'reject')).toBe(false);
    expect(refusal(() => authoriseStep('reject', rejected, nav)).code).toBe('REFERRAL.ALREADY_REJECTED');
    const assessment = (details: Record<string, unknown>): StepSubject => ({
      ...deduction,
      type: 'assessment-request',
      details,
    });
    expect(offers(assessment({}), housing, 'provide-information')).toBe(false);
    expect(offers(assessment({ informationRequested: true }), housing, 'provide-information')).toBe(true);
    expect(offers(assessment({ informationRequested: true }), nav, 'request-information')).toBe(false);
  });

  it('lets only NAV record what it did, on the three types it receives, without changing the status', () => {
    const release: StepSubject = {
      ...deduction,
      type: 'release-notice',
      status: 'answered',
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
    expect(authoriseStep('record-nav-outcome', release, nav).to).toBe('answered');
    expect(refusal(() => authoriseStep('record-nav-outcome', release, housing)).code).toBe(
      'REFERRAL.WRONG_UNIT',
    );
    expect(refusal(() => authoriseStep('record-nav-outcome', deduction, nav)).code).toBe(
      'REFERRAL.STEP_NOT_FOR_TYPE',
    );
  });
});
