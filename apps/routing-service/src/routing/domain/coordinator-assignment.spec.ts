import { DomainError } from '@overgang/core';
import { UnitStaffing } from '../../directory/domain/directory';
import { coordinatorMove, mayAssignIn } from './coordinator-assignment';
import { UnitAssignment } from './routing-case';

const queued = (over: Partial<UnitAssignment> = {}): UnitAssignment => ({
  referralId: '7d1c3c0e-2b1a-4a57-9a7e-1f2d3c4b5a69',
  unitId: 'verdal-bolig',
  referralType: 'release-notice',
  organisationNumber: '100000059',
  contactPersonId: null,
  coHolderContactPersonId: null,
  assignment: 'unit-queue',
  reasonCode: 'ROUTING.ALL_ABSENT',
  reason: 'Everyone is away.',
  explanation: {},
  decidedAt: new Date('2026-11-23T08:00:00Z'),
  closedAt: null,
  ...over,
});

const staffing: UnitStaffing = {
  mode: 'primary-backup',
  contacts: [
    { id: 'p', unitId: 'verdal-bolig', role: 'primary', referralTypes: ['release-notice'], active: true },
    { id: 'b', unitId: 'verdal-bolig', role: 'backup', referralTypes: ['release-notice'], active: true },
    { id: 'gone', unitId: 'verdal-bolig', role: 'backup', referralTypes: ['release-notice'], active: false },
    { id: 'nav', unitId: 'verdal-bolig', role: 'backup', referralTypes: ['benefit-deduction'], active: true },
    { id: 'coord', unitId: 'verdal-bolig', role: 'backup', referralTypes: ['release-notice'], active: true },
  ],
  absences: [{ contactPersonId: 'p', from: '2026-11-20', to: '2026-11-27' }],
};
const coordinator = { userId: 'coord', organisationNumber: '100000059', roles: ['coordinator'] };
const today = '2026-11-23';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as DomainError).code, kind: (e as DomainError).kind };
  }
  throw new Error('not refused');
};

describe('a coordinator assigning a referral in their unit', () => {
  it('gives a queued referral to a named contact person present today', () => {
    expect(
      coordinatorMove(queued(), { kind: 'contact', contactPersonId: 'b' }, coordinator, staffing, today),
    ).toEqual({
      from: null,
      to: 'b',
      assignment: 'backup',
      clearsCoHolder: false,
      reason: 'Tildelt av koordinator coord til b, fra enhetens kø.',
    });
  });

  it('lets a coordinator who is a contact person of the unit take over one held by someone', () => {
    const move = coordinatorMove(
      queued({ contactPersonId: 'b', coHolderContactPersonId: 'coord' }),
      { kind: 'take-over' },
      coordinator,
      staffing,
      today,
    );
    expect(move).toMatchObject({ from: 'b', to: 'coord', clearsCoHolder: true });
    expect(move.reason).toBe('Tatt over av koordinator coord fra b.');
  });

  it('refuses someone outside the unit, inactive, not handling the type, away today, or already holding it', () => {
    const to =
      (contactPersonId: string, a = queued()) =>
      () =>
        coordinatorMove(a, { kind: 'contact', contactPersonId }, coordinator, staffing, today);
    expect(refusal(to('cp-elsewhere'))).toEqual({
      code: 'ROUTING.CONTACT_NOT_IN_UNIT',
      kind: 'unprocessable',
    });
    expect(refusal(to('gone'))).toEqual({ code: 'ROUTING.CONTACT_INACTIVE', kind: 'unprocessable' });
    expect(refusal(to('nav'))).toEqual({ code: 'ROUTING.CONTACT_TYPE_NOT_HANDLED', kind: 'unprocessable' });
    expect(refusal(to('p'))).toEqual({ code: 'ROUTING.CONTACT_ABSENT', kind: 'unprocessable' });
    expect(refusal(to('b', queued({ contactPersonId: 'b' })))).toEqual({
      code: 'ROUTING.ALREADY_HOLDER',
      kind: 'conflict',
    });
    // The absence is over the day after it ends.
    expect(
      coordinatorMove(
        queued(),
        { kind: 'contact', contactPersonId: 'p' },
        coordinator,
        staffing,
        '2026-11-28',
      ).to,
    ).toBe('p');
  });

  it('refuses a take-over by a coordinator who is no contact person of the unit', () => {
    const other = { ...coordinator, userId: 'coord-elsewhere' };
    expect(refusal(() => coordinatorMove(queued(), { kind: 'take-over' }, other, staffing, today))).toEqual({
      code: 'ROUTING.COORDINATOR_NOT_CONTACT',
      kind: 'unprocessable',
    });
  });

  it('is for the coordinators of the unit’s own organisation and the hub’s administrators', () => {
    expect(mayAssignIn(coordinator, queued())).toBe(true);
    expect(mayAssignIn({ ...coordinator, organisationNumber: '100000067' }, queued())).toBe(false);
    expect(mayAssignIn({ ...coordinator, roles: ['housing-caseworker'] }, queued())).toBe(false);
    expect(
      mayAssignIn({ userId: 'hub-admin', organisationNumber: '100000148', roles: ['hub-admin'] }, queued()),
    ).toBe(true);
  });
});
