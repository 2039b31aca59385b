import { FINAL_REFERRAL_STATUSES, PROGRESSED_ACTIONS, REFERRAL_STATUSES } from '@overgang/contracts';
import { POLICY_CATALOGUE } from './policy-catalogue';
import { earlierStatusEffect, isRememberedBeforeRouting, STEP_EVENTS, stepEffect } from './referral-steps';

describe('referral steps and the clocks', () => {
  it('maps only steps the contract knows to events some policy listens for', () => {
    const heard = new Set(
      POLICY_CATALOGUE.policies.flatMap((p) => [
        p.startsOn,
        ...p.stopsOn,
        ...p.pausesOn,
        ...p.resumesOn,
        ...(p.cancelsOn ?? []),
        ...(p.reopensOn ?? []),
      ]),
    );
    for (const [action, event] of Object.entries(STEP_EVENTS)) {
      expect(PROGRESSED_ACTIONS).toContain(action);
      expect(heard).toContain(event);
    }
  });

  it('meets the unit’s clocks on a rejection, even one that ends the referral', () => {
    expect(stepEffect({ action: 'reject', toStatus: 'rejected' })).toEqual({ kind: 'meet-unit' });
    expect(stepEffect({ action: 'reject', toStatus: 'acknowledged' })).toEqual({ kind: 'meet-unit' });
  });

  it('pauses the running clocks on a suspension, with its code', () => {
    expect(stepEffect({ action: 'suspend', toStatus: 'suspended', code: 'CONSENT_WITHDRAWN' })).toEqual({
      kind: 'pause-running',
      reasonCode: 'CONSENT_WITHDRAWN',
    });
    expect(stepEffect({ action: 'suspend', toStatus: 'suspended' })).toEqual({
      kind: 'pause-running',
      reasonCode: 'SUSPENDED',
    });
  });

  it('pauses only the housing plan on a readmission', () => {
    expect(stepEffect({ action: 'mark-readmitted', toStatus: 'acknowledged' })).toEqual({
      kind: 'pause-housing-plan',
      reasonCode: 'READMITTED',
    });
  });

  it.each([
    ['complete', 'completed'],
    ['withdraw', 'withdrawn'],
    ['cancel', 'cancelled'],
  ] as const)('cancels every owed clock on %s, which ends the referral %s', (action, status) => {
    expect(stepEffect({ action, toStatus: status })).toEqual({
      kind: 'cancel-owed',
      reasonCode: status.toUpperCase(),
    });
  });

  it('pauses the named unit’s clocks when the referral is withheld from it', () => {
    expect(stepEffect({ action: 'withhold', toStatus: 'delivered', code: 'CONSENT_WITHDRAWN' })).toEqual({
      kind: 'pause-unit',
      reasonCode: 'CONSENT_WITHDRAWN',
    });
  });

  it('cancels nothing on a stop request, even one that ends the referral: NAV’s confirmation does', () => {
    expect(stepEffect({ action: 'stop-deduction', toStatus: 'completed' })).toEqual({ kind: 'none' });
    expect(stepEffect({ action: 'stop-deduction', toStatus: 'answered' })).toEqual({ kind: 'none' });
    expect(STEP_EVENTS['stop-deduction']).toBe('deduction-change-requested');
    expect(STEP_EVENTS['change-amount']).toBe('deduction-change-requested');
    expect(STEP_EVENTS['confirm-deduction-change']).toBe('deduction-change-confirmed');
    expect(stepEffect({ action: 'confirm-deduction-change', toStatus: 'completed' })).toEqual({
      kind: 'cancel-owed',
      reasonCode: 'COMPLETED',
    });
  });

  it('gives leaving early and a readmission their catalogue events', () => {
    expect(STEP_EVENTS['mark-left-early']).toBe('left-early');
    expect(STEP_EVENTS['mark-readmitted']).toBe('readmitted');
    expect(STEP_EVENTS['record-nav-outcome']).toBeUndefined();
  });

  it('leaves the clocks to the catalogue event for a step that neither ends nor suspends', () => {
    expect(stepEffect({ action: 'answer-assessment', toStatus: 'answered' })).toEqual({ kind: 'none' });
    expect(stepEffect({ action: 'request-information', toStatus: 'acknowledged' })).toEqual({
      kind: 'none',
    });
  });

  it('remembers a final or suspended status that arrives before the routing, and nothing else', () => {
    const remembered = REFERRAL_STATUSES.filter(isRememberedBeforeRouting);
    expect(remembered.sort()).toEqual([...FINAL_REFERRAL_STATUSES, 'suspended'].sort());
  });

  it('cancels the clocks a routing opens after a final status, and pauses them after a suspension', () => {
    expect(earlierStatusEffect('rejected')).toEqual({ kind: 'cancel', reasonCode: 'REJECTED' });
    expect(earlierStatusEffect('withdrawn')).toEqual({ kind: 'cancel', reasonCode: 'WITHDRAWN' });
    expect(earlierStatusEffect('suspended')).toEqual({ kind: 'pause', reasonCode: 'SUSPENDED' });
  });
});
