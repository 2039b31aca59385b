import { Principal, ROLES, Role } from '../principal';
import { ClaimMapping } from './trusted-issuers';

export type Claims = Record<string, unknown>;

/** A claim by a dotted path (`consumer.ID`). */
function claimAt(claims: Claims, path: string): unknown {
  let at: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.prototype.hasOwnProperty.call(at, key))
      return undefined;
    at = (at as Claims)[key];
  }
  return at;
}

/** A claim holding a list: an array of strings, or one space-separated string (OAuth scopes). */
function listAt(claims: Claims, path: string): string[] {
  const v = claimAt(claims, path);
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  return [];
}

/**
 * The caller a verified token names under its issuer's mapping, or the reason it names nobody. The
 * organisation must be a nine-digit organisation number; roles outside the hub's list are dropped
 * (the directory then drops those not valid for the organisation's type).
 */
export function principalFromMapping(
  claims: Claims,
  mapping: ClaimMapping,
): { principal: Principal } | { problem: string } {
  const user = claimAt(claims, mapping.user);
  if (typeof user !== 'string' || !user) return { problem: `the token has no ${mapping.user} claim` };
  let org = claimAt(claims, mapping.organisation);
  if (typeof org === 'string' && mapping.organisationPrefix && org.startsWith(mapping.organisationPrefix))
    org = org.slice(mapping.organisationPrefix.length);
  if (typeof org !== 'string' || !/^\d{9}$/.test(org))
    return { problem: `the token's ${mapping.organisation} claim is not an organisation number` };
  const unit = mapping.unit ? claimAt(claims, mapping.unit) : undefined;
  const roles = new Set<Role>();
  if (mapping.roles) {
    for (const value of listAt(claims, mapping.roles.claim)) {
      const named = mapping.roles.values ? (mapping.roles.values[value] ?? []) : [value as Role];
      for (const r of named) if (ROLES.includes(r)) roles.add(r);
    }
  }
  return {
    principal: {
      userId: user,
      organisationNumber: org,
      unitId: typeof unit === 'string' && unit ? unit : null,
      roles: [...roles],
      ...(mapping.kind === 'system'
        ? { system: true, scopes: mapping.scopes ? listAt(claims, mapping.scopes) : [] }
        : {}),
    },
  };
}
