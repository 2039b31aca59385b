import { ORGANISATION_TYPES, OrganisationType } from '@overgang/contracts';
import { Role } from './principal';

/**
 * The one table of which organisation types each role belongs to. A token may name any role; a
 * role counts only when the caller's organisation, as the directory knows it, is of one of its
 * types. The hub's own administrators are valid only in the hub's organisation.
 */
export const ROLE_ORGANISATION_TYPES: Readonly<Record<Role, readonly OrganisationType[]>> = {
  'prison-consultant': ['prison'],
  'health-trust-staff': ['health-trust'],
  'housing-caseworker': ['municipality'],
  'nav-caseworker': ['nav-office'],
  'hub-admin': ['hub'],
  coordinator: ORGANISATION_TYPES,
  'security-officer': ORGANISATION_TYPES,
};

export function isRoleValidIn(role: Role, type: OrganisationType): boolean {
  return ROLE_ORGANISATION_TYPES[role].includes(type);
}

/** The roles that count in an organisation of this type; the others are dropped. */
export function rolesValidIn(roles: readonly Role[], type: OrganisationType): Role[] {
  return roles.filter((r) => isRoleValidIn(r, type));
}
