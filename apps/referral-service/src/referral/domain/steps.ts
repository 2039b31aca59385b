import { ReferralStepAction, ReferralType } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { Caller, isSenderSide, mayRead, recipientFor, ReferralParties } from './access';
import { referralNotFound } from './referral.errors';
import { ACTIVE_STATUSES, ReferralStatus } from './referral-state';
import { preconditionRefusal } from './step-preconditions';
import { isWithheldFrom } from './withholding';

export type StepParty = 'sender' | 'recipient';

export interface StepRule {
  /** One of the contracts' step actions: renaming a step in one place fails the compiler in the other. */
  action: ReferralStepAction;
  types: readonly ReferralType[];
  party: StepParty;
  /** Statuses the step may be taken from. */
  from: readonly ReferralStatus[];
  /** Status after the step; absent when the step records something without changing it. */
  to?: ReferralStatus;
  /** For recipient steps: only a unit of these kinds may take it. */
  unitKinds?: readonly string[];
}

const ALL: readonly ReferralType[] = [
  'release-notice',
  'discharge-notice',
  'benefit-deduction',
  'assessment-request',
];
const OPEN = ACTIVE_STATUSES;
const RECEIVED: readonly ReferralStatus[] = ['delivered', 'acknowledged'];
const LIVE_AT_RECIPIENT: readonly ReferralStatus[] = ['delivered', 'acknowledged', 'answered'];

/** Who sends each type (DOMAIN.md); only people with this role in the sending organisation act as sender. */
export const SENDER_ROLE: Record<ReferralType, string> = {
  'release-notice': 'prison-consultant',
  'discharge-notice': 'health-trust-staff',
  'benefit-deduction': 'housing-caseworker',
  'assessment-request': 'housing-caseworker',
};

const RECIPIENT_ROLES = ['housing-caseworker', 'nav-caseworker', 'coordinator'];

/** Every step of every referral type: who takes it, from which states, into which. */
export const STEPS: readonly StepRule[] = [
  { action: 'reject', types: ALL, party: 'recipient', from: RECEIVED, to: 'rejected' },
  { action: 'withdraw', types: ALL, party: 'sender', from: [...OPEN, 'suspended'], to: 'withdrawn' },
  {
    action: 'cancel',
    types: ['release-notice', 'discharge-notice'],
    party: 'sender',
    from: [...OPEN, 'suspended'],
    to: 'cancelled',
  },
  { action: 'complete', types: ['assessment-request'], party: 'sender', from: ['answered'], to: 'completed' },
  {
    action: 'confirm-processing-stopped',
    types: ALL,
    party: 'recipient',
    from: ['suspended', 'withdrawn', 'cancelled'],
  },

  { action: 'change-release-date', types: ['release-notice'], party: 'sender', from: OPEN },
  {
    action: 'report-housing-outcome',
    types: ['release-notice', 'discharge-notice'],
    party: 'recipient',
    from: LIVE_AT_RECIPIENT,
    to: 'answered',
    unitKinds: ['housing-service'],
  },
  { action: 'mark-released', types: ['release-notice'], party: 'sender', from: OPEN, to: 'completed' },

  { action: 'set-discharge-date', types: ['discharge-notice'], party: 'sender', from: OPEN },
  { action: 'mark-discharged', types: ['discharge-notice'], party: 'sender', from: OPEN, to: 'completed' },
  // A readmission after the discharge reopens the referral (the one way back from a final status).
  { action: 'mark-readmitted', types: ['discharge-notice'], party: 'sender', from: [...OPEN, 'completed'] },
  // Leaving treatment early ends the stay, not the municipality's work: the housing clocks go on.
  { action: 'mark-left-early', types: ['discharge-notice'], party: 'sender', from: OPEN },

  {
    action: 'confirm-deduction',
    types: ['benefit-deduction'],
    party: 'recipient',
    from: RECEIVED,
    to: 'answered',
    unitKinds: ['nav-social-services'],
  },
  {
    action: 'activate-deduction',
    types: ['benefit-deduction'],
    party: 'recipient',
    from: ['answered'],
    unitKinds: ['nav-social-services'],
  },
  // A change or a stop is a request: it takes effect when NAV confirms it (and a stop then completes it).
  { action: 'change-amount', types: ['benefit-deduction'], party: 'sender', from: ['answered'] },
  { action: 'stop-deduction', types: ['benefit-deduction'], party: 'sender', from: OPEN },
  {
    action: 'confirm-deduction-change',
    types: ['benefit-deduction'],
    party: 'recipient',
    from: LIVE_AT_RECIPIENT,
    unitKinds: ['nav-social-services'],
  },

  { action: 'request-information', types: ['assessment-request'], party: 'recipient', from: RECEIVED },
  { action: 'provide-information', types: ['assessment-request'], party: 'sender', from: RECEIVED },
  {
    action: 'answer-assessment',
    types: ['assessment-request'],
    party: 'recipient',
    from: RECEIVED,
    to: 'answered',
  },

  // What NAV did for the person; the status stays (an assessment is answered by its assessment).
  {
    action: 'record-nav-outcome',
    types: ['release-notice', 'discharge-notice', 'assessment-request'],
    party: 'recipient',
    from: LIVE_AT_RECIPIENT,
    unitKinds: ['nav-social-services'],
  },
];

export interface StepSubject extends ReferralParties {
  type: ReferralType;
  status: ReferralStatus;
  recipients: Array<ReferralParties['recipients'][number] & { unitKind: string }>;
  /** Read for a partial withdrawal (whom it is withheld from) and for the steps' preconditions. */
  details: Record<string, unknown>;
  /** Today in Oslo (YYYY-MM-DD), for the preconditions that depend on the date. */
  today: string;
  /**
   * The organisations still asked to confirm that they stopped processing, where the caller has
   * read them (the referral view): an organisation that has confirmed is not offered it again.
   */
  stopsToConfirm?: readonly string[];
}

/** A recipient the person withdrew consent for, while the referral goes on for the others. */
const withheldRecipient = (subject: StepSubject, caller: Caller) =>
  !isSenderSide(caller, subject) && isWithheldFrom(caller.organisationNumber, subject.details);

/** The steps a party could take on a referral of this type in this status. */
export function stepsAllowed(
  type: ReferralType,
  status: ReferralStatus,
  party?: StepParty,
): ReferralStepAction[] {
  return STEPS.filter(
    (s) => s.types.includes(type) && s.from.includes(status) && (!party || s.party === party),
  ).map((s) => s.action);
}

/**
 * What the caller may do now: exactly the steps {@link authoriseStep} lets through for this caller,
 * so a step offered never answers 403 or 409 for its party, role, unit, state or precondition.
 */
export function nextStepsFor(subject: StepSubject, caller: Caller): ReferralStepAction[] {
  const candidates: ReferralStepAction[] = withheldRecipient(subject, caller)
    ? ['confirm-processing-stopped']
    : stepsAllowed(subject.type, subject.status);
  return candidates.filter((action) => {
    if (
      action === 'confirm-processing-stopped' &&
      subject.stopsToConfirm &&
      !subject.stopsToConfirm.includes(caller.organisationNumber)
    )
      return false;
    try {
      authoriseStep(action, subject, caller);
      return true;
    } catch (err) {
      if (err instanceof DomainError) return false;
      throw err;
    }
  });
}

/**
 * Decides whether the caller may take a step: 404 to anyone who may not see the referral, 403 to
 * the wrong party or role, 409 (with the current state and the steps allowed from it) when the
 * referral's state does not allow it, and 409 when the step's precondition refuses it.
 */
export function authoriseStep(action: ReferralStepAction, subject: StepSubject, caller: Caller) {
  if (!mayRead(caller, subject)) throw referralNotFound();
  const rule = STEPS.find((s) => s.action === action && s.types.includes(subject.type));
  if (!rule) {
    throw new DomainError(
      'REFERRAL.STEP_NOT_FOR_TYPE',
      `A ${subject.type} has no step ${action}.`,
      'conflict',
      {
        currentStatus: subject.status,
        allowedNext: stepsAllowed(subject.type, subject.status),
      },
    );
  }
  const recipient = rule.party === 'recipient' ? recipientFor(caller, subject.recipients) : undefined;
  if (rule.party === 'sender') {
    const senderSide = isSenderSide(caller, subject);
    if (!senderSide || !caller.roles.includes(SENDER_ROLE[subject.type])) {
      throw new DomainError(
        'REFERRAL.SENDER_ONLY',
        `Only a ${SENDER_ROLE[subject.type]} of the sending organisation can ${action.replace(/-/g, ' ')}.`,
        'forbidden',
      );
    }
  } else {
    if (!recipient || !RECIPIENT_ROLES.some((r) => caller.roles.includes(r))) {
      throw new DomainError(
        'REFERRAL.RECIPIENT_ONLY',
        `Only a contact person of a receiving unit can ${action.replace(/-/g, ' ')}.`,
        'forbidden',
      );
    }
    if (rule.unitKinds && !rule.unitKinds.includes(recipient.unitKind)) {
      throw new DomainError(
        'REFERRAL.WRONG_UNIT',
        `Only a ${rule.unitKinds.join(' or ')} unit can ${action.replace(/-/g, ' ')}.`,
        'forbidden',
      );
    }
  }
  if (withheldRecipient(subject, caller)) {
    // Withdrawn for this recipient only: all it may still do is confirm it has stopped.
    if (action === 'confirm-processing-stopped') return { rule, recipient, to: subject.status };
    throw new DomainError(
      'REFERRAL.CONSENT_WITHDRAWN_FOR_RECIPIENT',
      `The person has withdrawn the consent for your organisation: you cannot ${action.replace(/-/g, ' ')}. Stop processing and confirm it.`,
      'conflict',
      { currentStatus: subject.status, requestedStep: action, allowedNext: ['confirm-processing-stopped'] },
    );
  }
  if (!rule.from.includes(subject.status)) {
    throw new DomainError(
      'REFERRAL.ILLEGAL_TRANSITION',
      `A referral that is ${subject.status} cannot ${action.replace(/-/g, ' ')}.`,
      'conflict',
      {
        currentStatus: subject.status,
        requestedStep: action,
        allowedNext: stepsAllowed(subject.type, subject.status),
      },
    );
  }
  const refusal = preconditionRefusal(action, {
    status: subject.status,
    details: subject.details,
    today: subject.today,
    unitId: recipient?.unitId ?? null,
  });
  if (refusal) throw refusal;
  return { rule, recipient, to: rule.to ?? subject.status };
}
