import { Holder } from './pick-holder';
import {
  awaitsCoHolder,
  relief,
  reliefReason,
  silenceDecision,
  silenceExcludes,
  triggersFailover,
} from './failover';
import { UnitAssignment } from './routing-case';

const assignment = (over: Partial<UnitAssignment> = {}): UnitAssignment => ({
  referralId: '7d1c3c0e-2b1a-4a57-9a7e-1f2d3c4b5a69',
  unitId: 'drammen-bolig',
  referralType: 'release-notice',
  organisationNumber: '100000016',
  contactPersonId: 'p',
  coHolderContactPersonId: null,
  assignment: 'primary',
  reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
  reason: 'Primary contact p of unit drammen-bolig is available.',
  explanation: {},
  decidedAt: new Date('2026-11-23T08:00:00Z'),
  closedAt: null,
  ...over,
});

const backup: Holder = {
  contactPersonId: 'b',
  assignment: 'backup',
  reasonCode: 'ROUTING.PRIMARY_ABSENT',
  reason: 'Backup contact b holds it: primary p is being relieved.',
  candidates: [],
};
const nobody: Holder = { ...backup, contactPersonId: null, assignment: 'unit-queue' };

describe('relieving a holder', () => {
  it('names why: absent until a date, or left the unit', () => {
    expect(reliefReason({ kind: 'absent', contactPersonId: 'p', until: '2026-11-30' })).toEqual({
      reasonCode: 'ROUTING.HOLDER_ABSENT',
      why: 'p is absent until 2026-11-30.',
    });
    expect(reliefReason({ kind: 'left', contactPersonId: 'p', unitId: 'drammen-bolig' })).toEqual({
      reasonCode: 'ROUTING.HOLDER_LEFT',
      why: 'p no longer works in unit drammen-bolig.',
    });
  });

  it('moves the referral to whoever the unit’s rules pick, with both reasons', () => {
    expect(relief({ kind: 'absent', contactPersonId: 'p', until: '2026-11-30' }, backup)).toEqual({
      contactPersonId: 'b',
      assignment: 'backup',
      reasonCode: 'ROUTING.HOLDER_ABSENT',
      reason: 'p is absent until 2026-11-30. Backup contact b holds it: primary p is being relieved.',
    });
  });
});

describe('silence past the acknowledgement deadline', () => {
  it('only the acknowledgement deadline brings in a second holder', () => {
    expect(triggersFailover('acknowledge')).toBe(true);
    expect(triggersFailover('answer')).toBe(false);
  });

  it('brings in one more person once, and never the silent holder', () => {
    expect(awaitsCoHolder(null)).toBe(false);
    expect(awaitsCoHolder(assignment({ coHolderContactPersonId: 'b' }))).toBe(false);
    expect(awaitsCoHolder(assignment())).toBe(true);
    expect(silenceExcludes(assignment())).toEqual(['p']);
    expect(silenceExcludes(assignment({ contactPersonId: null }))).toEqual([]);
  });

  it('adds the other contact beside a silent holder', () => {
    expect(silenceDecision(assignment(), backup)).toEqual({
      kind: 'add-co-holder',
      from: 'p',
      to: 'b',
      reason: 'p did not acknowledge within the deadline; b is given it too.',
    });
  });

  it('gives a referral waiting in the unit queue to whoever is present', () => {
    expect(silenceDecision(assignment({ contactPersonId: null, assignment: 'unit-queue' }), backup)).toEqual({
      kind: 'take-from-queue',
      to: 'b',
      assignment: 'backup',
      reason: 'The unit queue did not acknowledge within the deadline; b is given it too.',
    });
  });

  it('does nothing when nobody else is present (the coordinator already has the breach)', () => {
    expect(silenceDecision(assignment(), nobody)).toEqual({ kind: 'none' });
  });
});
