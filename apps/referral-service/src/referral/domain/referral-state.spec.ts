import { FINAL_REFERRAL_STATUSES, REFERRAL_STATUSES } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import {
  isOpen,
  OPEN_STATUSES,
  statusAfterAcknowledgement,
  stepTransition,
  transition,
} from './referral-state';

describe('referral state machine', () => {
  it('follows the common lifecycle', () => {
    let s = transition('submitted', 'delivered');
    s = transition(s, 'acknowledged');
    s = transition(s, 'answered');
    expect(transition(s, 'completed')).toBe('completed');
  });

  it('refuses an illegal step naming the current state and the allowed steps', () => {
    try {
      transition('submitted', 'answered');
      fail('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      const e = err as DomainError;
      expect(e.code).toBe('REFERRAL.ILLEGAL_TRANSITION');
      expect(e.kind).toBe('conflict');
      expect(e.details).toEqual({
        currentStatus: 'submitted',
        requestedStatus: 'answered',
        allowedNext: ['delivered', 'completed', 'withdrawn', 'suspended', 'cancelled'],
      });
    }
  });

  it.each(['completed', 'rejected', 'withdrawn', 'cancelled'] as const)('treats %s as final', (s) => {
    expect(isOpen(s)).toBe(false);
    expect(OPEN_STATUSES).not.toContain(s);
    expect(() => transition(s, 'delivered')).toThrow(/is final/);
  });

  it('lets a suspended referral end or resume', () => {
    expect(transition('delivered', 'suspended')).toBe('suspended');
    expect(transition('suspended', 'cancelled')).toBe('cancelled');
  });

  it('is acknowledged only when every recipient acknowledged', () => {
    const at = new Date();
    const one = [
      { unitId: 'a', acknowledgedAt: at },
      { unitId: 'b', acknowledgedAt: null },
    ];
    expect(statusAfterAcknowledgement('delivered', one)).toBe('delivered');
    const both = one.map((r) => ({ ...r, acknowledgedAt: at }));
    expect(statusAfterAcknowledgement('delivered', both)).toBe('acknowledged');
    expect(statusAfterAcknowledgement('delivered', [])).toBe('delivered');
  });

  it("lets exactly the contracts' final statuses go nowhere", () => {
    const goesSomewhere = (from: (typeof REFERRAL_STATUSES)[number]) =>
      REFERRAL_STATUSES.some((to) => {
        try {
          transition(from, to);
          return true;
        } catch {
          return false;
        }
      });
    expect(REFERRAL_STATUSES.filter((s) => !goesSomewhere(s))).toEqual([...FINAL_REFERRAL_STATUSES]);
  });

  it('lets a readmission alone reopen a completed referral, in an active status only', () => {
    expect(stepTransition('mark-readmitted', 'completed', 'acknowledged')).toBe('acknowledged');
    expect(stepTransition('mark-readmitted', 'completed', 'answered')).toBe('answered');
    expect(() => stepTransition('mark-readmitted', 'completed', 'suspended')).toThrow(/is final/);
    expect(() => stepTransition('mark-readmitted', 'withdrawn', 'delivered')).toThrow(/is final/);
    expect(() => stepTransition('mark-discharged', 'completed', 'delivered')).toThrow(/is final/);
    expect(stepTransition('stop-deduction', 'answered', 'completed')).toBe('completed');
  });
});
