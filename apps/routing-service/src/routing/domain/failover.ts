import { ClockKind } from '@overgang/contracts';
import { Unavailability } from '../../directory/domain/directory';
import { Holder } from './pick-holder';
import { UnitAssignment } from './routing-case';

export const ACK_SILENCE = 'ROUTING.ACK_SILENCE';

/** Why a holder's open referrals move away from them, now. */
export function reliefReason(u: Unavailability): { reasonCode: string; why: string } {
  switch (u.kind) {
    case 'left':
      return {
        reasonCode: 'ROUTING.HOLDER_LEFT',
        why: `${u.contactPersonId} no longer works in unit ${u.unitId}.`,
      };
    case 'absent':
      return { reasonCode: 'ROUTING.HOLDER_ABSENT', why: `${u.contactPersonId} is absent until ${u.until}.` };
  }
}

/** The new holder of a referral moved away from someone who is away or has left. */
export function relief(u: Unavailability, holder: Holder) {
  const { reasonCode, why } = reliefReason(u);
  return {
    contactPersonId: holder.contactPersonId,
    assignment: holder.assignment,
    reasonCode,
    reason: `${why} ${holder.reason}`,
  };
}

/** Only silence past the acknowledgement deadline brings in a second holder. */
export function triggersFailover(kind: ClockKind): boolean {
  return kind === 'acknowledge';
}

/** An open assignment that has no second holder yet; one silence brings in one more person. */
export function awaitsCoHolder(a: UnitAssignment | null): a is UnitAssignment {
  return a !== null && !a.coHolderContactPersonId;
}

/** Whom the silent holder's replacement must not be. */
export function silenceExcludes(a: UnitAssignment): string[] {
  return a.contactPersonId ? [a.contactPersonId] : [];
}

export type SilenceDecision =
  | { kind: 'none' }
  | { kind: 'add-co-holder'; from: string; to: string; reason: string }
  | { kind: 'take-from-queue'; to: string; assignment: Holder['assignment']; reason: string };

/**
 * The holder stayed silent: the unit's other contact (the backup, or the primary when the backup
 * held it) is given it too. From the unit queue it is simply given to them.
 */
export function silenceDecision(a: UnitAssignment, holder: Holder): SilenceDecision {
  // Nobody else is present: the breach has already gone to the unit's coordinator.
  if (!holder.contactPersonId) return { kind: 'none' };
  const reason = `${a.contactPersonId ?? 'The unit queue'} did not acknowledge within the deadline; ${holder.contactPersonId} is given it too.`;
  return a.contactPersonId
    ? { kind: 'add-co-holder', from: a.contactPersonId, to: holder.contactPersonId, reason }
    : { kind: 'take-from-queue', to: holder.contactPersonId, assignment: holder.assignment, reason };
}
