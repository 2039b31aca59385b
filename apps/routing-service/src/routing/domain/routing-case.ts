import { ReferralSubmittedV1, ReferralType } from '@overgang/contracts';
import { Holder } from './pick-holder';

/**
 * routed; partly-routed (some parts reached their units, others are parked); unroutable (every part
 * parked, waiting for the directory to be fixed); closed; routing while it is decided.
 */
export type RoutingStatus = 'routing' | 'routed' | 'partly-routed' | 'unroutable' | 'closed';

/** The routing service's view of a referral: what was submitted and where routing stands. */
export interface RoutingCase {
  referralId: string;
  referralType: ReferralType;
  municipalityNumber: string;
  senderOrganisationNumber: string;
  /** The submitted event (ids and routing facts only), kept to route again later. */
  submitted: ReferralSubmittedV1;
  status: RoutingStatus;
  reasonCode: string | null;
  reason: string | null;
  decidedAt: Date;
}

/** Who holds a referral in one receiving unit, and why. */
export interface UnitAssignment {
  referralId: string;
  unitId: string;
  referralType: ReferralType;
  organisationNumber: string;
  contactPersonId: string | null;
  /** A second holder, given the referral when the first stayed silent past the acknowledgement deadline. */
  coHolderContactPersonId: string | null;
  assignment: Holder['assignment'];
  reasonCode: string;
  reason: string;
  /** The candidates considered and the unit's mode. */
  explanation: object;
  decidedAt: Date;
  /** Set when the referral ended: a closed assignment no longer counts as open load. */
  closedAt: Date | null;
}

/** A holder moved away (moved) or a second holder given the referral (added). */
export type ReassignmentMode = 'moved' | 'added';

/** Every change of holder after routing, for the referral's routing explanation. */
export interface Reassignment {
  id: string;
  referralId: string;
  unitId: string;
  fromContactPersonId: string | null;
  toContactPersonId: string | null;
  mode: ReassignmentMode;
  reasonCode: string;
  reason: string;
  at: Date;
}
