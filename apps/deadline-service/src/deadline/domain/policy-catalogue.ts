import { ANSWER_DEADLINE } from '@overgang/contracts';
import type { ReferralType } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { WarningLadder } from './warning-ladder';

export type DeadlineKind =
  | 'acknowledge'
  | 'answer'
  | 'housing-outcome'
  | 'housing-plan'
  | 'confirm-deduction'
  | 'follow-up'
  | 'confirm-change';

/** Facts in a referral's life that open, meet, pause or resume a clock. */
export type ClockEvent =
  | 'delivered'
  | 'acknowledged'
  | 'answered'
  | 'housing-outcome-reported'
  | 'deduction-confirmed'
  | 'information-requested'
  | 'information-provided'
  /** Steps that open a clock of their own (see STEP_EVENTS). */
  | 'left-early'
  | 'readmitted'
  | 'deduction-change-requested'
  | 'deduction-change-confirmed'
  /** Consent withdrawn for one recipient before its clocks opened: they open paused. */
  | 'withheld';

export type AnchorKind = 'expected-release' | 'planned-discharge';

export type ClockLength =
  | { unit: 'calendar-days' | 'working-days'; days: number }
  /** Due this many working days before a date of the case (release, discharge), never after it. */
  | { unit: 'working-days-before-anchor'; days: number; anchor: AnchorKind };

/** Where a due day on a weekend or public holiday moves. */
export type NonWorkingDayRule = 'next-working-day' | 'previous-working-day';

export interface ClockPolicy {
  /** Stable id, `<referral type>.<kind>`. */
  id: string;
  referralType: ReferralType;
  kind: DeadlineKind;
  /**
   * The event that opens the clock: delivered (the routing), or a step on the referral, which opens
   * it for the recipient units the policy applies to that the referral already has clocks for.
   * A step opens a new round once the unit's earlier round of the policy is closed.
   */
  startsOn: ClockEvent;
  /**
   * A step-opened clock that takes over from a clock of this kind: it opens only for a unit that
   * still owes that clock, and cancels it, so the unit is not held to two deadlines for one duty.
   */
  replaces?: DeadlineKind;
  /** Events that cancel the clock while owed (it no longer applies). */
  cancelsOn?: readonly ClockEvent[];
  /**
   * Events that open a new round of an anchored clock whose last round was cancelled, paused until
   * a new date is set (the reason code is the event's).
   */
  reopensOn?: readonly ClockEvent[];
  /** Events that meet (close) the clock. */
  stopsOn: readonly ClockEvent[];
  /** Events that pause the clock, and those that let it run again. */
  pausesOn: readonly ClockEvent[];
  resumesOn: readonly ClockEvent[];
  length: ClockLength;
  onNonWorkingDay: NonWorkingDayRule;
  ladder: WarningLadder;
  /**
   * Working days the recipient always gets from the moment the clock opens or its date moves: a
   * clock is never due sooner, whatever the counting gives.
   */
  minimumResponse: { unit: 'working-days'; days: number };
  /**
   * Working days of notice before the date the sender owes (anchored clocks only, else null). A
   * clock given less is short-notice: its breach counts against the notice, not the recipient.
   */
  leadTimeDays: number | null;
}

export interface PolicyCatalogue {
  /** Raised whenever a rule changes, so a clock can say which rules set its due date. */
  version: number;
  policies: readonly ClockPolicy[];
}

/** A policy together with the catalogue version it was read from. */
export type CataloguedPolicy = ClockPolicy & { catalogueVersion: number };

/**
 * A ladder: warnings the given working days before the due day (to the holder alone first, where
 * there is time for it, then to both contacts), the breach to the unit's coordinator on the due day,
 * and the escalation to the organisation's coordinator the given working days after it.
 */
function ladder(rungs: { warnHolder?: number; warnBoth: number; escalate: number }): WarningLadder {
  return [
    ...(rungs.warnHolder === undefined
      ? []
      : [
          {
            id: 'warn-holder',
            workingDays: -rungs.warnHolder,
            audience: 'holder' as const,
            event: 'deadline.warning-issued.v1' as const,
          },
        ]),
    {
      id: 'warn-both-contacts',
      workingDays: -rungs.warnBoth,
      audience: 'both-contacts',
      event: 'deadline.warning-issued.v1',
    },
    {
      id: 'breach-unit-coordinator',
      workingDays: 0,
      audience: 'unit-coordinator',
      event: 'deadline.breached.v1',
    },
    {
      id: 'escalate-org-coordinator',
      workingDays: rungs.escalate,
      audience: 'organisation-coordinator',
      event: 'deadline.escalated.v1',
    },
  ];
}

// Acknowledgement is owed by the unit, not yet by a person, so the first warning goes to both contacts.
const ACKNOWLEDGE_LADDER = ladder({ warnBoth: 1, escalate: 3 });

const ANSWER_LADDER = ladder({ warnHolder: 3, warnBoth: 1, escalate: 3 });

// The release or discharge date does not wait, so housing clocks warn earlier and escalate sooner.
const HOUSING_LADDER = ladder({ warnHolder: 5, warnBoth: 2, escalate: 1 });

// Two working days leave no room for an early warning to the holder alone.
const FOLLOW_UP_LADDER = ladder({ warnBoth: 1, escalate: 1 });

// One rule for every answer the recipient owes, shared with the referral's own answer date.
const ANSWER_LENGTH: Pick<ClockPolicy, 'length' | 'onNonWorkingDay'> = {
  length: { unit: ANSWER_DEADLINE.unit, days: ANSWER_DEADLINE.days },
  onNonWorkingDay: ANSWER_DEADLINE.onNonWorkingDay,
};

function acknowledge(referralType: ReferralType): ClockPolicy {
  return {
    id: `${referralType}.acknowledge`,
    referralType,
    kind: 'acknowledge',
    startsOn: 'delivered',
    // Answering, asking for more information or reporting an outcome shows the unit has it too.
    stopsOn: [
      'acknowledged',
      'answered',
      'housing-outcome-reported',
      'deduction-confirmed',
      'information-requested',
    ],
    pausesOn: [],
    resumesOn: [],
    length: { unit: 'working-days', days: 2 },
    onNonWorkingDay: 'next-working-day',
    ladder: ACKNOWLEDGE_LADDER,
    minimumResponse: { unit: 'working-days', days: 1 },
    leadTimeDays: null,
  };
}

export const POLICY_CATALOGUE: PolicyCatalogue = {
  // 2: clocks opened by a step (follow-up after leaving early, a deduction change, a readmission).
  version: 2,
  policies: [
    acknowledge('release-notice'),
    {
      // Drammen's goal: housing decided and the contract signed before release day.
      id: 'release-notice.housing-outcome',
      referralType: 'release-notice',
      kind: 'housing-outcome',
      startsOn: 'delivered',
      stopsOn: ['housing-outcome-reported'],
      pausesOn: [],
      resumesOn: [],
      length: { unit: 'working-days-before-anchor', days: 10, anchor: 'expected-release' },
      onNonWorkingDay: 'previous-working-day',
      ladder: HOUSING_LADDER,
      // Three weeks' notice leaves the housing service its ten days and a working week to decide.
      minimumResponse: { unit: 'working-days', days: 3 },
      leadTimeDays: 15,
    },
    acknowledge('discharge-notice'),
    {
      id: 'discharge-notice.housing-plan',
      referralType: 'discharge-notice',
      kind: 'housing-plan',
      startsOn: 'delivered',
      stopsOn: ['housing-outcome-reported'],
      pausesOn: [],
      resumesOn: [],
      // Back in the institution after the discharge (or after leaving early): a new plan is owed
      // against the next discharge date, and waits until it is set.
      reopensOn: ['readmitted'],
      length: { unit: 'working-days-before-anchor', days: 5, anchor: 'planned-discharge' },
      onNonWorkingDay: 'previous-working-day',
      ladder: HOUSING_LADDER,
      minimumResponse: { unit: 'working-days', days: 3 },
      leadTimeDays: 10,
    },
    {
      // About one in six leaves treatment early (DOMAIN.md): the person is out today, without the
      // discharge date the plan counted back from. The municipality gets two working days to report
      // where the person lives, instead of a housing plan due after the fact.
      id: 'discharge-notice.follow-up',
      referralType: 'discharge-notice',
      kind: 'follow-up',
      startsOn: 'left-early',
      replaces: 'housing-plan',
      stopsOn: ['housing-outcome-reported'],
      cancelsOn: ['readmitted'],
      pausesOn: [],
      resumesOn: [],
      length: { unit: 'working-days', days: 2 },
      onNonWorkingDay: 'next-working-day',
      ladder: FOLLOW_UP_LADDER,
      minimumResponse: { unit: 'working-days', days: 2 },
      leadTimeDays: null,
    },
    acknowledge('benefit-deduction'),
    {
      id: 'benefit-deduction.confirm-deduction',
      referralType: 'benefit-deduction',
      kind: 'confirm-deduction',
      startsOn: 'delivered',
      stopsOn: ['deduction-confirmed'],
      pausesOn: [],
      resumesOn: [],
      ...ANSWER_LENGTH,
      ladder: ANSWER_LADDER,
      minimumResponse: { unit: 'working-days', days: 5 },
      leadTimeDays: null,
    },
    {
      // A new amount or a stop asked for by the housing office counts only once NAV has it in place:
      // NAV confirms the change within five working days, a new round for every request.
      id: 'benefit-deduction.confirm-change',
      referralType: 'benefit-deduction',
      kind: 'confirm-change',
      startsOn: 'deduction-change-requested',
      stopsOn: ['deduction-change-confirmed'],
      pausesOn: [],
      resumesOn: [],
      length: { unit: 'working-days', days: 5 },
      onNonWorkingDay: 'next-working-day',
      ladder: ANSWER_LADDER,
      minimumResponse: { unit: 'working-days', days: 5 },
      leadTimeDays: null,
    },
    acknowledge('assessment-request'),
    {
      // "Frist på 2 uker" (Drammen); waiting for documents the recipient asked for does not count.
      id: 'assessment-request.answer',
      referralType: 'assessment-request',
      kind: 'answer',
      startsOn: 'delivered',
      stopsOn: ['answered'],
      pausesOn: ['information-requested'],
      resumesOn: ['information-provided'],
      ...ANSWER_LENGTH,
      ladder: ANSWER_LADDER,
      minimumResponse: { unit: 'working-days', days: 5 },
      leadTimeDays: null,
    },
  ],
};

/** The clocks a referral of this type runs from its routing (startsOn delivered). */
export function policiesFor(
  type: ReferralType,
  catalogue: PolicyCatalogue = POLICY_CATALOGUE,
): CataloguedPolicy[] {
  return allPoliciesFor(type, catalogue).filter((policy) => !isStepOpened(policy));
}

/** The clocks a step on a referral of this type opens (startsOn a step event). */
export function stepPoliciesFor(
  type: ReferralType,
  catalogue: PolicyCatalogue = POLICY_CATALOGUE,
): CataloguedPolicy[] {
  return allPoliciesFor(type, catalogue).filter(isStepOpened);
}

function allPoliciesFor(type: ReferralType, catalogue: PolicyCatalogue): CataloguedPolicy[] {
  return catalogue.policies
    .filter((policy) => policy.referralType === type)
    .map((policy) => ({ ...policy, catalogueVersion: catalogue.version }));
}

export function policyById(id: string, catalogue: PolicyCatalogue = POLICY_CATALOGUE): CataloguedPolicy {
  const policy = catalogue.policies.find((candidate) => candidate.id === id);
  if (!policy) {
    throw new DomainError('DEADLINE.UNKNOWN_POLICY', `There is no deadline policy ${id}.`, 'not-found', {
      policyId: id,
      catalogueVersion: catalogue.version,
    });
  }
  return { ...policy, catalogueVersion: catalogue.version };
}

/** Which receiving units a policy's clock runs for: housing clocks for the housing service, the
 * deduction clock for NAV, the rest for every recipient. */
export function appliesToUnit(policy: ClockPolicy, unitKind: string): boolean {
  switch (policy.kind) {
    case 'housing-outcome':
    case 'housing-plan':
    case 'follow-up':
      return unitKind === 'housing-service';
    case 'confirm-deduction':
    case 'confirm-change':
      return unitKind === 'nav-social-services';
    case 'acknowledge':
    case 'answer':
      return true;
  }
}

/** Opened by a step on the referral rather than by the routing. */
export function isStepOpened(policy: ClockPolicy): boolean {
  return policy.startsOn !== 'delivered';
}

/** The reason code a step's event gives a clock it opens, cancels or pauses (LEFT_EARLY). */
export function eventReasonCode(event: ClockEvent): string {
  return event.toUpperCase().replace(/-/g, '_');
}
