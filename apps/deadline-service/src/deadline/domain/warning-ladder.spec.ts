import { endOfOsloDay } from '@overgang/core';
import { policyById } from './policy-catalogue';
import { nextFireAt, rungFireTimes, rungsDue, WarningLadder } from './warning-ladder';

const answerLadder = policyById('assessment-request.answer').ladder;
const acknowledgeLadder = policyById('release-notice.acknowledge').ladder;
// Due at the end of Tuesday 7 April 2026, the first working day after Easter.
const dueAt = endOfOsloDay('2026-04-07');

function fireTimes(ladder: WarningLadder, due: Date): Record<string, string> {
  return Object.fromEntries(
    rungFireTimes(ladder, due).map(({ rung, fireAt }) => [rung.id, fireAt.toISOString()]),
  );
}

describe('rungFireTimes', () => {
  it('fires each rung at the midnight that ends its day, counting working days around Easter', () => {
    expect(fireTimes(answerLadder, dueAt)).toEqual({
      // 3 working days left: after Monday 30 March (Tuesday 31, Wednesday 1, Tuesday 7).
      'warn-holder': '2026-03-30T22:00:00.000Z',
      // 1 working day left: after Wednesday 1 April.
      'warn-both-contacts': '2026-04-01T22:00:00.000Z',
      'breach-unit-coordinator': '2026-04-07T22:00:00.000Z',
      // After the 3rd working day past due: Friday 10 April.
      'escalate-org-coordinator': '2026-04-10T22:00:00.000Z',
    });
  });

  it('breaches the moment after the due time', () => {
    const breach = rungFireTimes(answerLadder, dueAt).find(
      ({ rung }) => rung.id === 'breach-unit-coordinator',
    );
    expect(breach?.fireAt.getTime()).toBe(dueAt.getTime() + 1);
  });

  it('keeps Oslo midnight on both sides of the change to summer time', () => {
    // Due Monday 30 March 2026; summer time begins Sunday 29 March. The escalation, 3 working days on,
    // lands after Easter: Tuesday 31, Wednesday 1, Tuesday 7 April.
    expect(fireTimes(acknowledgeLadder, endOfOsloDay('2026-03-30'))).toEqual({
      'warn-both-contacts': '2026-03-27T23:00:00.000Z',
      'breach-unit-coordinator': '2026-03-30T22:00:00.000Z',
      'escalate-org-coordinator': '2026-04-07T22:00:00.000Z',
    });
  });

  it('lists rungs in firing order whatever order the ladder is written in', () => {
    const shuffled: WarningLadder = [...answerLadder].reverse();
    expect(rungFireTimes(shuffled, dueAt).map(({ rung }) => rung.id)).toEqual([
      'warn-holder',
      'warn-both-contacts',
      'breach-unit-coordinator',
      'escalate-org-coordinator',
    ]);
  });
});

describe('rungsDue', () => {
  it('returns nothing before the first rung and a rung from its exact fire time', () => {
    expect(rungsDue(answerLadder, dueAt, new Date('2026-03-30T21:59:59.999Z'), new Set())).toEqual([]);
    expect(
      rungsDue(answerLadder, dueAt, new Date('2026-03-30T22:00:00.000Z'), new Set()).map((r) => r.id),
    ).toEqual(['warn-holder']);
  });

  it('returns every rung whose time has come, in order, leaving out those already fired', () => {
    const now = new Date('2026-04-08T07:00:00Z');
    expect(rungsDue(answerLadder, dueAt, now, new Set()).map((rung) => rung.id)).toEqual([
      'warn-holder',
      'warn-both-contacts',
      'breach-unit-coordinator',
    ]);
    expect(rungsDue(answerLadder, dueAt, now, new Set(['warn-holder', 'warn-both-contacts']))).toEqual([
      {
        id: 'breach-unit-coordinator',
        workingDays: 0,
        audience: 'unit-coordinator',
        event: 'deadline.breached.v1',
      },
    ]);
  });

  it('fires each rung exactly once, in order, when a scheduler polls every few hours', () => {
    const fired = new Set<string>();
    const order: string[] = [];
    for (
      let at = Date.parse('2026-03-23T00:00:00Z');
      at <= Date.parse('2026-04-20T00:00:00Z');
      at += 5 * 3600_000
    ) {
      for (const rung of rungsDue(answerLadder, dueAt, new Date(at), fired)) {
        fired.add(rung.id);
        order.push(rung.id);
      }
    }
    expect(order).toEqual([
      'warn-holder',
      'warn-both-contacts',
      'breach-unit-coordinator',
      'escalate-org-coordinator',
    ]);
  });

  it('names the audience and event of each rung', () => {
    expect(rungsDue(answerLadder, dueAt, new Date('2026-05-01T00:00:00Z'), new Set())).toEqual([
      expect.objectContaining({ audience: 'holder', event: 'deadline.warning-issued.v1' }),
      expect.objectContaining({ audience: 'both-contacts', event: 'deadline.warning-issued.v1' }),
      expect.objectContaining({ audience: 'unit-coordinator', event: 'deadline.breached.v1' }),
      expect.objectContaining({ audience: 'organisation-coordinator', event: 'deadline.escalated.v1' }),
    ]);
  });
});

describe('nextFireAt', () => {
  it('is the earliest rung not yet fired, and null when all have fired', () => {
    expect(nextFireAt(answerLadder, dueAt, new Set())?.toISOString()).toBe('2026-03-30T22:00:00.000Z');
    expect(nextFireAt(answerLadder, dueAt, new Set(['warn-holder']))?.toISOString()).toBe(
      '2026-04-01T22:00:00.000Z',
    );
    expect(nextFireAt(answerLadder, dueAt, new Set(answerLadder.map((rung) => rung.id)))).toBeNull();
  });
});
