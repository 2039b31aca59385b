import { UnitKind } from '@overgang/contracts';
import { RoutingStatus } from './routing-case';

/** A part (one receiving unit kind) of a referral: routed to a unit, or parked with the hub's coordinators. */
export type PartStatus = 'parked' | 'routed';

export interface RoutingPart {
  referralId: string;
  unitKind: UnitKind;
  status: PartStatus;
  /** The unit it was routed to; null while parked. */
  unitId: string | null;
  /** Why it is parked (the last gap found); null once routed. */
  reasonCode: string | null;
  reason: string | null;
  /** When it was first parked; kept while the gap changes, so its age counts from the first. */
  parkedAt: Date | null;
  routedAt: Date | null;
}

/** A part routing could not place this time, and why. */
export interface ParkedGap {
  unitKind: UnitKind;
  code: string;
  reason: string;
}

/** The parts still to route: every part not routed already. A routed part is never routed again. */
export function pendingParts(kinds: readonly UnitKind[], parts: readonly RoutingPart[]): UnitKind[] {
  const routed = new Set(parts.filter((p) => p.status === 'routed').map((p) => p.unitKind));
  return kinds.filter((k) => !routed.has(k));
}

/** routed when nothing is parked; partly-routed when some part reached a unit; else unroutable. */
export function statusAfter(
  parked: number,
  routed: number,
): Extract<RoutingStatus, 'routed' | 'partly-routed' | 'unroutable'> {
  if (parked === 0) return 'routed';
  return routed > 0 ? 'partly-routed' : 'unroutable';
}

/**
 * A gap is announced when a part is newly parked or parked for another reason; a retry that finds
 * the same gaps again stays quiet.
 */
export function isNewParking(before: readonly RoutingPart[], gaps: readonly ParkedGap[]): boolean {
  return gaps.some((g) => {
    const was = before.find((p) => p.unitKind === g.unitKind);
    return !(was?.status === 'parked' && was.reasonCode === g.code);
  });
}

/** One code and text for all parked parts: the first part's code, every part's reason by its kind. */
export function gapSummary(gaps: readonly ParkedGap[]): { reasonCode: string; reason: string } {
  return {
    reasonCode: gaps[0].code,
    reason: gaps.map((g) => `${g.unitKind}: ${g.reason}`).join(' '),
  };
}
