import { receivingUnitKinds, ReferralSubmittedV1, UnitKind } from '@overgang/contracts';
import { DirectorySnapshot, UnitMode } from '../../directory/domain/directory';
import { Party, resolveParties } from '../../directory/domain/receiving-parties';
import { Holder, NO_CONTACTS } from './pick-holder';

/** Why a part of a referral could not be routed, for the hub's coordinators to fix in the directory. */
export interface RoutingGap {
  ok: false;
  code: string;
  reason: string;
}

export type RoutingRequest = Pick<
  ReferralSubmittedV1,
  'referralType' | 'municipalityNumber' | 'receivingUnitKinds' | 'consentedRecipientOrganisationNumbers'
>;

/** The unit kinds a referral goes to: the ones the sender asked for, else the type's own. Each is a part. */
export function partsOf(e: Pick<RoutingRequest, 'referralType' | 'receivingUnitKinds'>): UnitKind[] {
  return e.receivingUnitKinds ?? receivingUnitKinds(e.referralType);
}

/**
 * The party one part of a submitted referral goes to, found in the municipality the person will
 * live in, and only when the consent names its organisation: a referral accepted while the
 * directory could not name a receiver, or a directory changed since submission, must never reach an
 * organisation the consent does not name.
 */
export function receivingPartyFor(
  dir: DirectorySnapshot,
  e: RoutingRequest,
  kind: UnitKind,
): { ok: true; party: Party } | RoutingGap {
  const resolution = resolveParties(dir, e.referralType, e.municipalityNumber, [kind]);
  if (!resolution.ok) return resolution;
  const [party] = resolution.parties;
  if (!e.consentedRecipientOrganisationNumbers.includes(party.organisationNumber)) {
    return {
      ok: false,
      code: 'ROUTING.CONSENT_DOES_NOT_COVER',
      reason: `The directory now routes to ${party.organisationNumber}, which the consent does not cover.`,
    };
  }
  return { ok: true, party };
}

/** The holder picked in one receiving party, with the unit's mode. */
export interface PartyHolder {
  party: Party;
  holder: Holder;
  mode: UnitMode;
}

/**
 * A party must have someone configured for the type; a unit waiting in its queue because its people
 * are away still takes the referral. A unit with nobody configured parks its part.
 */
export function holderOrGap(picked: PartyHolder): { ok: true; holder: PartyHolder } | RoutingGap {
  return picked.holder.reasonCode === NO_CONTACTS
    ? { ok: false, code: picked.holder.reasonCode, reason: picked.holder.reason }
    : { ok: true, holder: picked };
}
