import { DirectoryView } from './organisation-directory';
import { Principal, Role } from './principal';
import { rolesValidIn } from './role-bindings';

export type CallerCheck =
  | { ok: true; roles: Role[] }
  | { ok: false; code: 'AUTH.UNKNOWN_ORGANISATION' | 'AUTH.UNIT_NOT_IN_ORGANISATION'; message: string };

/**
 * A verified token checked against the directory: its organisation must be known, its unit must
 * belong to that organisation, and only the roles valid for the organisation's type count.
 */
export function checkCaller(view: DirectoryView, p: Principal): CallerCheck {
  const type = view.organisationType(p.organisationNumber);
  if (!type) {
    return {
      ok: false,
      code: 'AUTH.UNKNOWN_ORGANISATION',
      message: `Organisasjonen ${p.organisationNumber} i påloggingen din finnes ikke i katalogen over organisasjoner. Kontakt hubens administratorer.`,
    };
  }
  if (p.unitId !== null) {
    const owner = view.unitOrganisation(p.unitId);
    if (owner !== p.organisationNumber) {
      return {
        ok: false,
        code: 'AUTH.UNIT_NOT_IN_ORGANISATION',
        message: owner
          ? `Enheten ${p.unitId} i påloggingen din hører ikke til organisasjonen ${p.organisationNumber}.`
          : `Enheten ${p.unitId} i påloggingen din finnes ikke i katalogen.`,
      };
    }
  }
  return { ok: true, roles: rolesValidIn(p.roles, type) };
}
