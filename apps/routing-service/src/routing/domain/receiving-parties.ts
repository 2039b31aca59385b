import { receivingUnitKinds, ReferralSubmittedV1 } from '@overgang/contracts';
import { DirectorySnapshot, UnitMode } from '../../directory/domain/directory';
import { Party, resolveParties } from '../../directory/domain/receiving-parties';
import { Holder, NO_CONTACTS } from './pick-holder';

/** Why a referral could not be routed, for the hub's coordinators to fix in the directory. */
export interface RoutingGap {
  ok: false;
  code: string;
  reason: string;
}

export type RoutingRequest = Pick<
  ReferralSubmittedV1,
  'referralType' | 'municipalityNumber' | 'receivingUnitKinds' | 'consentedRecipientOrganisationNumbers'
>;

/**
 * The parties a submitted referral goes to: the unit kinds the sender asked for (else the type's
 * own), found in the municipality the person will live in, and only when the consent covers every
 * one of them: a directory changed since submission must not widen who sees the referral.
 */
export function receivingPartiesFor(
  dir: DirectorySnapshot,
  e: RoutingRequest,
): { ok: true; parties: Party[] } | RoutingGap {
  const kinds = e.receivingUnitKinds ?? receivingUnitKinds(e.referralType);
  const resolution = resolveParties(dir, e.referralType, e.municipalityNumber, kinds);
  if (!resolution.ok) return resolution;
  const uncovered = resolution.parties.filter(
    (p) => !e.consentedRecipientOrganisationNumbers.includes(p.organisationNumber),
  );
  if (uncovered.length > 0) {
    const orgs = uncovered.map((p) => p.organisationNumber).join(', ');
    return {
      ok: false,
      code: 'ROUTING.CONSENT_DOES_NOT_COVER',
      reason: `The directory now routes to ${orgs}, which the consent does not cover.`,
    };
  }
  return resolution;
}

/** The holder picked in one receiving party, with the unit's mode. */
export interface PartyHolder {
  party: Party;
  holder: Holder;
  mode: UnitMode;
}

/**
 * Every party must have someone configured for the type; a unit waiting in its queue because its
 * people are away still takes the referral. The first unit with nobody configured stops routing.
 */
export function holdersOrGap(holders: PartyHolder[]): { ok: true; holders: PartyHolder[] } | RoutingGap {
  const gap = holders.find(({ holder }) => holder.reasonCode === NO_CONTACTS);
  return gap ? { ok: false, code: gap.holder.reasonCode, reason: gap.holder.reason } : { ok: true, holders };
}
