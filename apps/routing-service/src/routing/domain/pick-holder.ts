import { ReferralType } from '@overgang/contracts';
import { Absence, ContactPerson, UnitMode } from '../../directory/domain/directory';

/** One person considered for a referral, and why they could or could not take it. */
export interface Candidate {
  contactPersonId: string;
  role: 'primary' | 'backup';
  absentUntil: string | null;
  openReferrals: number;
}

export interface Holder {
  contactPersonId: string | null;
  assignment: 'primary' | 'backup' | 'team' | 'unit-queue';
  reasonCode: string;
  reason: string;
  candidates: Candidate[];
}

export interface PickOptions {
  mode?: UnitMode;
  /** Open referrals each contact person holds now (team mode gives to the one with fewest). */
  openLoad?: Readonly<Record<string, number>>;
  /** People who may not take it (the holder it is being moved away from). */
  exclude?: readonly string[];
}

function absentOn(absences: Absence[], contactPersonId: string, date: string): Absence | undefined {
  return absences.find((a) => a.contactPersonId === contactPersonId && a.from <= date && date <= a.to);
}

export const NO_CONTACTS = 'ROUTING.NO_CONTACTS_CONFIGURED';

/**
 * Within a unit: the primary, else the backup when the primary is away ("so that sickness or
 * holidays leave no gap"), else the unit's queue and an alert to its coordinator. A unit in team
 * mode gives it to whichever present contact holds the fewest open referrals. A unit with nobody
 * configured for the type cannot take it at all: the hub's coordinators must fix the directory.
 */
export function pickHolder(
  unitId: string,
  type: ReferralType,
  contacts: ContactPerson[],
  absences: Absence[],
  today: string,
  options: PickOptions = {},
): Holder {
  const load = options.openLoad ?? {};
  const eligible = contacts.filter((c) => c.unitId === unitId && c.active && c.referralTypes.includes(type));
  const candidates: Candidate[] = eligible.map((c) => ({
    contactPersonId: c.id,
    role: c.role,
    absentUntil: absentOn(absences, c.id, today)?.to ?? null,
    openReferrals: load[c.id] ?? 0,
  }));
  if (eligible.length === 0) {
    return {
      contactPersonId: null,
      assignment: 'unit-queue',
      reasonCode: NO_CONTACTS,
      reason: `Unit ${unitId} has no active contact person for ${type}.`,
      candidates,
    };
  }
  const excluded = new Set(options.exclude ?? []);
  const present = candidates.filter((c) => !c.absentUntil && !excluded.has(c.contactPersonId));
  const away = (c: Candidate | undefined) =>
    !c
      ? 'none is configured'
      : excluded.has(c.contactPersonId)
        ? `${c.contactPersonId} is being relieved`
        : `${c.contactPersonId} is absent until ${c.absentUntil}`;

  if (options.mode === 'team') {
    const pick = [...present].sort(
      (a, b) => a.openReferrals - b.openReferrals || a.contactPersonId.localeCompare(b.contactPersonId),
    )[0];
    if (pick) {
      return {
        contactPersonId: pick.contactPersonId,
        assignment: 'team',
        reasonCode: 'ROUTING.TEAM_FEWEST_OPEN',
        reason: `Unit ${unitId} shares its referrals; ${pick.contactPersonId} holds the fewest open (${pick.openReferrals}).`,
        candidates,
      };
    }
  } else {
    const primary = candidates.find((c) => c.role === 'primary');
    const backup = candidates.find((c) => c.role === 'backup');
    if (primary && present.includes(primary)) {
      return {
        contactPersonId: primary.contactPersonId,
        assignment: 'primary',
        reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
        reason: `Primary contact ${primary.contactPersonId} of unit ${unitId} is available.`,
        candidates,
      };
    }
    if (backup && present.includes(backup)) {
      return {
        contactPersonId: backup.contactPersonId,
        assignment: 'backup',
        reasonCode: primary ? 'ROUTING.PRIMARY_ABSENT' : 'ROUTING.NO_PRIMARY',
        reason: `Backup contact ${backup.contactPersonId} holds it: primary ${away(primary)}.`,
        candidates,
      };
    }
  }
  return {
    contactPersonId: null,
    assignment: 'unit-queue',
    reasonCode: 'ROUTING.NO_CONTACT_AVAILABLE',
    reason: `It waits in the queue of unit ${unitId} and its coordinator is alerted: ${candidates.map((c) => away(c)).join('; ')}.`,
    candidates,
  };
}
