export const ROLES = [
  'prison-consultant',
  'health-trust-staff',
  'housing-caseworker',
  'nav-caseworker',
  'coordinator',
  'hub-admin',
  'security-officer',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: taken from a verified token, never from the request body. */
export interface Principal {
  /** Stable user id (the directory's contact-person id for caseworkers). */
  userId: string;
  /** Organisation number of the caller's organisation. */
  organisationNumber: string;
  /** Directory id of the caller's unit, if any. */
  unitId: string | null;
  roles: Role[];
  /** An agency system (client credentials), not a person. */
  system?: boolean;
  /** The scopes a system was granted (what it may do). */
  scopes?: string[];
}

export interface TokenClaims {
  sub: string;
  org: string;
  unit?: string | null;
  roles: Role[];
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}
