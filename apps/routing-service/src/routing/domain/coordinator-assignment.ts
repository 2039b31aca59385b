import { DomainError } from '@overgang/core';
import { UnitStaffing } from '../../directory/domain/directory';
import { Holder } from './pick-holder';
import { UnitAssignment } from './routing-case';

export const COORDINATOR_ASSIGNED = 'ROUTING.COORDINATOR_ASSIGNED';

/** Who a coordinator gives the referral to: a named contact person, or themself. */
export type AssignmentTarget = { kind: 'contact'; contactPersonId: string } | { kind: 'take-over' };

/** The coordinator asking: their user id is their contact-person id when they are one. */
export interface AssigningCoordinator {
  userId: string;
  organisationNumber: string;
  roles: readonly string[];
}

/** The move a coordinator's assignment makes, for the assignment row and the reassignment event. */
export interface CoordinatorMove {
  from: string | null;
  to: string;
  assignment: Holder['assignment'];
  /** The new holder was the second holder: they are the only one now. */
  clearsCoHolder: boolean;
  reason: string;
}

/** The unit's coordinators (of its own organisation) and the hub's administrators act on its queue. */
export function mayAssignIn(actor: AssigningCoordinator, a: UnitAssignment): boolean {
  return (
    actor.roles.includes('hub-admin') ||
    (actor.roles.includes('coordinator') && actor.organisationNumber === a.organisationNumber)
  );
}

const unprocessable = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, 'unprocessable', details);

/**
 * Whether the chosen person may hold the referral in this unit today, and the move it makes: they
 * must be an active contact person of this very unit, handle the referral's type and not be away.
 */
export function coordinatorMove(
  a: UnitAssignment,
  target: AssignmentTarget,
  actor: AssigningCoordinator,
  staffing: UnitStaffing,
  today: string,
): CoordinatorMove {
  const to = target.kind === 'take-over' ? actor.userId : target.contactPersonId;
  const field = target.kind === 'take-over' ? 'takeOver' : 'contactPersonId';
  const contact = staffing.contacts.find((c) => c.id === to);
  if (!contact) {
    throw target.kind === 'take-over'
      ? unprocessable(
          'ROUTING.COORDINATOR_NOT_CONTACT',
          `Du er ikke kontaktperson i enheten ${a.unitId}, så du kan ikke ta over henvisningen selv. Tildel den til en av enhetens kontaktpersoner.`,
          { field, unitId: a.unitId },
        )
      : unprocessable(
          'ROUTING.CONTACT_NOT_IN_UNIT',
          `${to} er ikke kontaktperson i enheten ${a.unitId}. Velg en av enhetens egne kontaktpersoner.`,
          { field, unitId: a.unitId },
        );
  }
  if (!contact.active) {
    throw unprocessable(
      'ROUTING.CONTACT_INACTIVE',
      `${to} er ikke lenger aktiv i enheten ${a.unitId} og kan ikke få henvisningen.`,
      { field, unitId: a.unitId },
    );
  }
  if (!contact.referralTypes.includes(a.referralType)) {
    throw unprocessable(
      'ROUTING.CONTACT_TYPE_NOT_HANDLED',
      `${to} tar ikke imot henvisninger av typen ${a.referralType} i enheten ${a.unitId}.`,
      { field, unitId: a.unitId, referralType: a.referralType },
    );
  }
  const away = staffing.absences.find((x) => x.contactPersonId === to && x.from <= today && today <= x.to);
  if (away) {
    throw unprocessable(
      'ROUTING.CONTACT_ABSENT',
      `${to} er borte til og med ${away.to} og kan ikke få henvisningen nå. Velg en som er til stede.`,
      { field, unitId: a.unitId, absentUntil: away.to },
    );
  }
  if (a.contactPersonId === to) {
    throw new DomainError(
      'ROUTING.ALREADY_HOLDER',
      `${to} har allerede henvisningen i enheten ${a.unitId}.`,
      'conflict',
      { field, unitId: a.unitId },
    );
  }
  const reason =
    target.kind === 'take-over'
      ? `Tatt over av koordinator ${actor.userId} fra ${a.contactPersonId ?? 'enhetens kø'}.`
      : `Tildelt av koordinator ${actor.userId} til ${to}, fra ${a.contactPersonId ?? 'enhetens kø'}.`;
  return {
    from: a.contactPersonId,
    to,
    assignment: staffing.mode === 'team' ? 'team' : contact.role,
    clearsCoHolder: a.coHolderContactPersonId === to,
    reason,
  };
}
