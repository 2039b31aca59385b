import { OrganisationType, ReferralType, UnitKind } from '@overgang/contracts';

// Defined once in contracts: the recipient map carries each organisation's type to the other services.
export { ORGANISATION_TYPES } from '@overgang/contracts';
export type { OrganisationType } from '@overgang/contracts';

/** How a unit shares its referrals: the primary with a backup, or the team member with the fewest open. */
export const UNIT_MODES = ['primary-backup', 'team'] as const;
export type UnitMode = (typeof UNIT_MODES)[number];

export type ContactRole = 'primary' | 'backup';

export interface Organisation {
  organisationNumber: string;
  name: string;
  type: OrganisationType;
  municipalityNumber: string | null;
}

export interface Unit {
  id: string;
  organisationNumber: string;
  name: string;
  kind: UnitKind;
  /** Referral types this unit receives for its organisation. */
  receives: ReferralType[];
}

/** A unit as the directory keeps it, with how it shares its referrals. */
export interface UnitRecord extends Unit {
  mode: UnitMode;
}

export interface ContactPerson {
  id: string;
  unitId: string;
  role: ContactRole;
  referralTypes: ReferralType[];
  active: boolean;
}

/** A contact person as the directory keeps it: employee contact data only, never a citizen's. */
export interface ContactPersonRecord extends ContactPerson {
  name: string;
  email: string;
  phone: string;
}

export interface Absence {
  contactPersonId: string;
  from: string;
  to: string;
}

export interface NavCoverage {
  municipalityNumber: string;
  navOrganisationNumber: string;
}

export interface DirectorySnapshot {
  organisations: Organisation[];
  units: Unit[];
  navCoverage: NavCoverage[];
}

/** Who in a unit can hold a referral on a given day, as routing needs it. */
export interface UnitStaffing {
  mode: UnitMode;
  contacts: ContactPerson[];
  absences: Absence[];
}

export type UnitChanges = Partial<Pick<UnitRecord, 'name' | 'receives' | 'mode'>>;
export type ContactPersonChanges = Partial<
  Pick<ContactPersonRecord, 'active' | 'role' | 'referralTypes' | 'email' | 'phone'>
>;

/** A registered absence: a category as its reason, never health details. */
export interface AbsenceRecord {
  id: string;
  contactPersonId: string;
  fromDate: string;
  toDate: string;
  reason: string;
  registeredBy: string;
}

/** The directory's entries as one file: the import and export format, and the seed. */
export interface DirectoryEntries {
  organisations: Organisation[];
  units: UnitRecord[];
  contactPersons: ContactPersonRecord[];
  navCoverage: NavCoverage[];
}

/** A contact person who can hold nothing from today: they have left, or an absence has begun. */
export type Unavailability =
  | { kind: 'left'; contactPersonId: string; unitId: string }
  | { kind: 'absent'; contactPersonId: string; until: string };
