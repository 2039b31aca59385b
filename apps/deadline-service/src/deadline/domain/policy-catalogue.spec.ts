import { ANSWER_DEADLINE, answerDueDate } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { computeDue } from './due-date';
import { POLICY_CATALOGUE, policiesFor, policyById, stepPoliciesFor } from './policy-catalogue';

const TYPES = ['release-notice', 'discharge-notice', 'benefit-deduction', 'assessment-request'] as const;

describe('policy catalogue', () => {
  it('runs an acknowledge clock and one main clock per referral type', () => {
    expect(policiesFor('release-notice').map((policy) => policy.id)).toEqual([
      'release-notice.acknowledge',
      'release-notice.housing-outcome',
    ]);
    expect(policiesFor('discharge-notice').map((policy) => policy.kind)).toEqual([
      'acknowledge',
      'housing-plan',
    ]);
    expect(policiesFor('benefit-deduction').map((policy) => policy.kind)).toEqual([
      'acknowledge',
      'confirm-deduction',
    ]);
    expect(policiesFor('assessment-request').map((policy) => policy.kind)).toEqual(['acknowledge', 'answer']);
  });

  it.each(TYPES)('asks a %s to be acknowledged within 2 working days of delivery', (type) => {
    const acknowledge = policiesFor(type).find((policy) => policy.kind === 'acknowledge');
    expect(acknowledge).toMatchObject({
      startsOn: 'delivered',
      stopsOn: [
        'acknowledged',
        'answered',
        'housing-outcome-reported',
        'deduction-confirmed',
        'information-requested',
      ],
      length: { unit: 'working-days', days: 2 },
      onNonWorkingDay: 'next-working-day',
      catalogueVersion: POLICY_CATALOGUE.version,
    });
  });

  it('gives assessment answers and deduction confirmations 14 calendar days', () => {
    expect(policyById('assessment-request.answer').length).toEqual({ unit: 'calendar-days', days: 14 });
    expect(policyById('benefit-deduction.confirm-deduction').length).toEqual({
      unit: 'calendar-days',
      days: 14,
    });
  });

  it.each(['assessment-request.answer', 'benefit-deduction.confirm-deduction'])(
    'counts %s by the one answer deadline rule, to the same day as the referral’s answer date',
    (id) => {
      const policy = policyById(id);
      expect(policy.length).toEqual({ unit: ANSWER_DEADLINE.unit, days: ANSWER_DEADLINE.days });
      expect(policy.onNonWorkingDay).toBe(ANSWER_DEADLINE.onNonWorkingDay);
      // Thursday 19 March 2026 + 14 days is skjærtorsdag; both move past Easter to Tuesday 7 April.
      for (const [startedAt, osloDay] of [
        ['2026-03-19T09:00:00Z', '2026-03-19'],
        ['2026-05-03T21:30:00Z', '2026-05-03'],
        ['2026-06-10T08:00:00Z', '2026-06-10'],
      ]) {
        const due = computeDue(policy, { startedAt: new Date(startedAt), pauses: [] });
        expect(due.explanation.dueDate).toBe(answerDueDate(osloDay));
      }
    },
  );

  it('counts housing clocks back from the release or discharge date and keeps them before it', () => {
    expect(policyById('release-notice.housing-outcome')).toMatchObject({
      length: { unit: 'working-days-before-anchor', anchor: 'expected-release' },
      onNonWorkingDay: 'previous-working-day',
    });
    expect(policyById('discharge-notice.housing-plan')).toMatchObject({
      length: { unit: 'working-days-before-anchor', anchor: 'planned-discharge' },
      onNonWorkingDay: 'previous-working-day',
    });
  });

  it('opens the step clocks from their steps, not from the routing', () => {
    expect(stepPoliciesFor('discharge-notice').map((p) => p.id)).toEqual(['discharge-notice.follow-up']);
    expect(stepPoliciesFor('benefit-deduction').map((p) => p.id)).toEqual([
      'benefit-deduction.confirm-change',
    ]);
    expect(stepPoliciesFor('release-notice')).toEqual([]);
    expect(policyById('discharge-notice.follow-up')).toMatchObject({
      startsOn: 'left-early',
      replaces: 'housing-plan',
      stopsOn: ['housing-outcome-reported'],
      length: { unit: 'working-days', days: 2 },
    });
    expect(policyById('benefit-deduction.confirm-change')).toMatchObject({
      startsOn: 'deduction-change-requested',
      stopsOn: ['deduction-change-confirmed'],
      length: { unit: 'working-days', days: 5 },
    });
    expect(policyById('discharge-notice.housing-plan').reopensOn).toEqual(['readmitted']);
  });

  it('counts the follow-up after leaving early two working days, past a weekend', () => {
    // Left on Friday 6 March 2026: due at the end of Tuesday 10 March.
    const due = computeDue(policyById('discharge-notice.follow-up'), {
      startedAt: new Date('2026-03-06T10:00:00Z'),
      respondFrom: new Date('2026-03-06T10:00:00Z'),
      pauses: [],
    });
    expect(due.explanation.dueDate).toBe('2026-03-10');
  });

  it('names every policy <type>.<kind>, once', () => {
    const ids = POLICY_CATALOGUE.policies.map((policy) => policy.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const policy of POLICY_CATALOGUE.policies)
      expect(policy.id).toBe(`${policy.referralType}.${policy.kind}`);
  });

  it('gives every policy a ladder with unique rung ids and one breach at the due time', () => {
    for (const { ladder } of POLICY_CATALOGUE.policies) {
      expect(new Set(ladder.map((rung) => rung.id)).size).toBe(ladder.length);
      expect(ladder.filter((rung) => rung.event === 'deadline.breached.v1')).toEqual([
        expect.objectContaining({ workingDays: 0 }),
      ]);
      for (const rung of ladder) {
        if (rung.event === 'deadline.warning-issued.v1') expect(rung.workingDays).toBeLessThan(0);
        if (rung.event === 'deadline.escalated.v1') expect(rung.workingDays).toBeGreaterThan(0);
      }
    }
  });

  it('refuses an unknown policy id', () => {
    expect(() => policyById('release-notice.answer')).toThrow(DomainError);
    expect(() => policyById('release-notice.answer')).toThrow(
      expect.objectContaining({ code: 'DEADLINE.UNKNOWN_POLICY', kind: 'not-found' }),
    );
  });
});
