import { ANSWER_DEADLINE } from '@overgang/contracts';
import type { ReferralType } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { WarningLadder } from './warning-ladder';

export type DeadlineKind =
  | 'acknowledge'
  | 'answer'
  | 'housing-outcome'
  | 'housing-plan'
  | 'confirm-deduction';

/** Facts in a referral's life that open, meet, pause or resume a clock. */
export type ClockEvent =
  | 'delivered'
  | 'acknowledged'
  | 'answered'
  | 'housing-outcome-reported'
  | 'deduction-confirmed'
  | 'information-requested'
  | 'information-provided';

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
  /** The event that opens the clock. */
  startsOn: ClockEvent;
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

// Acknowledgement is owed by the unit, not yet by a person, so the first warning goes to both contacts.
const ACKNOWLEDGE_LADDER: WarningLadder = [
  {
    id: 'warn-both-contacts',
    workingDays: -1,
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
    workingDays: 3,
    audience: 'organisation-coordinator',
    event: 'deadline.escalated.v1',
  },
];

const ANSWER_LADDER: WarningLadder = [
  { id: 'warn-holder', workingDays: -3, audience: 'holder', event: 'deadline.warning-issued.v1' },
  {
    id: 'warn-both-contacts',
    workingDays: -1,
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
    workingDays: 3,
    audience: 'organisation-coordinator',
    event: 'deadline.escalated.v1',
  },
];

// The release or discharge date does not wait, so housing clocks warn earlier and escalate sooner.
const HOUSING_LADDER: WarningLadder = [
  { id: 'warn-holder', workingDays: -5, audience: 'holder', event: 'deadline.warning-issued.v1' },
  {
    id: 'warn-both-contacts',
    workingDays: -2,
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
    workingDays: 1,
    audience: 'organisation-coordinator',
    event: 'deadline.escalated.v1',
  },
];

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
  version: 1,
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
      length: { unit: 'working-days-before-anchor', days: 5, anchor: 'planned-discharge' },
      onNonWorkingDay: 'previous-working-day',
      ladder: HOUSING_LADDER,
      minimumResponse: { unit: 'working-days', days: 3 },
      leadTimeDays: 10,
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

/** Every clock a referral of this type runs. */
export function policiesFor(
  type: ReferralType,
  catalogue: PolicyCatalogue = POLICY_CATALOGUE,
): CataloguedPolicy[] {
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
      return unitKind === 'housing-service';
    case 'confirm-deduction':
      return unitKind === 'nav-social-services';
    case 'acknowledge':
    case 'answer':
      return true;
  }
}
