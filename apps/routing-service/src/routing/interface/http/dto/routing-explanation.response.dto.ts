import { RoutingExplanation } from '../../../application/read-routing/routing.queries';

/** Why a referral went where it did: rule, candidates, absences considered, time, and every move since. */
export interface RoutingExplanationResponseDto {
  referralId: string;
  referralType: string;
  municipalityNumber: string;
  status: string;
  problem: { code: string; reason: string | null } | null;
  decisions: Array<{
    unitId: string;
    organisationNumber: string;
    holder: string | null;
    coHolder: string | null;
    assignment: string;
    rule: string;
    reason: string;
    considered: object;
    decidedAt: string;
    closedAt: string | null;
  }>;
  /** The parts parked with the hub's coordinators (none once every part is routed), why and what fixes them. */
  parked: Array<{
    unitKind: string;
    reasonCode: string | null;
    reason: string | null;
    fix: { action: string; text: string };
    parkedAt: string | null;
    ageWorkingDays: number;
    dueOn: string;
    overdue: boolean;
  }>;
  moves: Array<{
    unitId: string;
    from: string | null;
    to: string | null;
    mode: string;
    rule: string;
    reason: string;
    at: string;
  }>;
}

export function toRoutingExplanationResponse(found: RoutingExplanation): RoutingExplanationResponseDto {
  const c = found.routingCase;
  return {
    referralId: c.referralId,
    referralType: c.referralType,
    municipalityNumber: c.municipalityNumber,
    status: c.status,
    problem: c.reasonCode ? { code: c.reasonCode, reason: c.reason } : null,
    decisions: found.assignments.map((a) => ({
      unitId: a.unitId,
      organisationNumber: a.organisationNumber,
      holder: a.contactPersonId,
      coHolder: a.coHolderContactPersonId,
      assignment: a.assignment,
      rule: a.reasonCode,
      reason: a.reason,
      considered: a.explanation,
      decidedAt: a.decidedAt.toISOString(),
      closedAt: a.closedAt?.toISOString() ?? null,
    })),
    parked: found.parked.map(({ part, age, fix }) => ({
      unitKind: part.unitKind,
      reasonCode: part.reasonCode,
      reason: part.reason,
      fix,
      parkedAt: part.parkedAt?.toISOString() ?? null,
      ageWorkingDays: age.ageWorkingDays,
      dueOn: age.dueOn,
      overdue: age.overdue,
    })),
    moves: found.moves.map((m) => ({
      unitId: m.unitId,
      from: m.fromContactPersonId,
      to: m.toContactPersonId,
      mode: m.mode,
      rule: m.reasonCode,
      reason: m.reason,
      at: m.at.toISOString(),
    })),
  };
}
