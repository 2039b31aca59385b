import { receivingUnitKinds, ReferralType, UnitKind } from '@overgang/contracts';
import { DirectorySnapshot, Organisation } from './directory';

export interface Party {
  organisationNumber: string;
  unitId: string;
  unitKind: UnitKind;
}

export type Resolution = { ok: true; parties: Party[] } | { ok: false; code: string; reason: string };

/**
 * Finds the receiving unit of each kind for a municipality. Routing goes by the municipality the
 * person will live in, never by where the prison or hospital is: NAV units through the NAV office
 * serving the municipality, every other kind in the municipality itself.
 */
export function resolveParties(
  dir: DirectorySnapshot,
  type: ReferralType,
  municipalityNumber: string,
  kinds: readonly UnitKind[] = receivingUnitKinds(type),
): Resolution {
  const municipality = dir.organisations.find(
    (o) => o.type === 'municipality' && o.municipalityNumber === municipalityNumber,
  );
  if (!municipality) {
    return {
      ok: false,
      code: 'ROUTING.UNKNOWN_MUNICIPALITY',
      reason: `Municipality ${municipalityNumber} is not in the directory.`,
    };
  }
  const parties: Party[] = [];
  for (const kind of kinds) {
    let org: Organisation | undefined = municipality;
    if (kind === 'nav-social-services') {
      const coverage = dir.navCoverage.find((c) => c.municipalityNumber === municipalityNumber);
      org =
        coverage && dir.organisations.find((o) => o.organisationNumber === coverage.navOrganisationNumber);
      if (!org) {
        return {
          ok: false,
          code: 'ROUTING.NO_NAV_OFFICE',
          reason: `No NAV office is registered as serving municipality ${municipalityNumber}.`,
        };
      }
    }
    const unit = dir.units.find(
      (u) => u.organisationNumber === org.organisationNumber && u.kind === kind && u.receives.includes(type),
    );
    if (!unit) {
      return {
        ok: false,
        code: 'ROUTING.NO_UNIT',
        reason: `Organisation ${org.organisationNumber} has no ${kind} unit that receives ${type}.`,
      };
    }
    parties.push({ organisationNumber: org.organisationNumber, unitId: unit.id, unitKind: unit.kind });
  }
  return { ok: true, parties };
}
