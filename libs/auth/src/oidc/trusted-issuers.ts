import { ROLES, Role } from '../principal';

/** Signature algorithms a trusted issuer may use: asymmetric only, never `none` or a shared secret (HS*). */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'] as const;
export type AllowedAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];

/**
 * How one issuer's claims name the caller. People come from an agency's sign-in (Entra ID, a health
 * trust's IdP); systems from Maskinporten (client credentials), whose organisation is in `consumer`.
 */
export interface ClaimMapping {
  kind: 'person' | 'system';
  /** The claim naming the caller (a person's id, a system's client id), e.g. `sub`, `NAVident`. */
  user: string;
  /** The claim with the organisation number, a dotted path for a nested one (`consumer.ID`). */
  organisation: string;
  /** Stripped from the organisation claim's value: Maskinporten writes `0192:<orgnr>`. */
  organisationPrefix?: string;
  /** The claim with the caller's unit in the directory, if the issuer has one. */
  unit?: string;
  /**
   * Roles: the claim with the role names (an array or a space-separated string); or, with `values`,
   * the claim with group ids or scopes and which roles each stands for. Unknown values give no role.
   */
  roles?: { claim: string; values?: Record<string, Role[]> };
  /** The claim with the granted scopes (space-separated), for systems. */
  scopes?: string;
}

export interface TrustedIssuer {
  /** The `iss` value, also where the discovery document is (`<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  /** The JWKS address; by default read from the discovery document. */
  jwksUri?: string;
  audience: string;
  algorithms: AllowedAlgorithm[];
  claims: ClaimMapping;
}

/** Why a trusted-issuer list (AUTH_ISSUERS) cannot be used, or null when it can. */
export function issuerListProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return 'must be a non-empty JSON array of issuers';
  const seen = new Set<string>();
  for (const [i, raw] of value.entries()) {
    const at = `issuer ${i + 1}`;
    if (typeof raw !== 'object' || raw === null) return `${at} must be an object`;
    const t = raw as Partial<TrustedIssuer>;
    if (typeof t.issuer !== 'string' || !/^https?:\/\/\S+$/.test(t.issuer))
      return `${at}: issuer must be a URL`;
    if (seen.has(t.issuer)) return `${at}: ${t.issuer} is listed twice`;
    seen.add(t.issuer);
    if (t.jwksUri !== undefined && (typeof t.jwksUri !== 'string' || !/^https?:\/\/\S+$/.test(t.jwksUri)))
      return `${at}: jwksUri must be a URL`;
    if (typeof t.audience !== 'string' || !t.audience) return `${at}: audience is required`;
    if (!Array.isArray(t.algorithms) || t.algorithms.length === 0)
      return `${at}: algorithms must list at least one of ${ALLOWED_ALGORITHMS.join(', ')}`;
    const bad = t.algorithms.find((a) => !ALLOWED_ALGORITHMS.includes(a));
    if (bad !== undefined) return `${at}: algorithm ${String(bad)} is not allowed (never none or HS*)`;
    const problem = mappingProblem(t.claims);
    if (problem) return `${at}: ${problem}`;
  }
  return null;
}

function mappingProblem(m: Partial<ClaimMapping> | undefined): string | null {
  if (!m || typeof m !== 'object') return 'claims (the claim mapping) is required';
  if (m.kind !== 'person' && m.kind !== 'system') return 'claims.kind must be person or system';
  if (typeof m.user !== 'string' || !m.user) return 'claims.user is required';
  if (typeof m.organisation !== 'string' || !m.organisation) return 'claims.organisation is required';
  if (m.roles !== undefined) {
    if (typeof m.roles.claim !== 'string') return 'claims.roles.claim is required';
    for (const roles of Object.values(m.roles.values ?? {})) {
      const unknown = roles.find((r) => !ROLES.includes(r));
      if (unknown) return `claims.roles.values names unknown role ${unknown}`;
    }
  }
  return null;
}

/** The local identity provider's two issuers (scripts/oidc), as `npm start` and the tests trust them. */
export function localIssuers(providerUrl: string, audience = 'overgang'): TrustedIssuer[] {
  const base = providerUrl.replace(/\/+$/, '');
  return [
    {
      issuer: `${base}/ansatt`,
      audience,
      algorithms: ['RS256'],
      claims: { kind: 'person', user: 'sub', organisation: 'org', unit: 'unit', roles: { claim: 'roles' } },
    },
    {
      issuer: `${base}/maskinporten`,
      audience,
      algorithms: ['RS256'],
      claims: {
        kind: 'system',
        user: 'client_id',
        organisation: 'consumer.ID',
        organisationPrefix: '0192:',
        scopes: 'scope',
        roles: { claim: 'scope', values: SYSTEM_SCOPE_ROLES },
      },
    },
  ];
}

/** What an agency system may do, by the scope it was granted: the role it acts in. */
export const SYSTEM_SCOPE_ROLES: Record<string, Role[]> = {
  'overgang:release-notices.write': ['prison-consultant'],
  'overgang:discharge-notices.write': ['health-trust-staff'],
  'overgang:referrals.read': ['housing-caseworker'],
};
