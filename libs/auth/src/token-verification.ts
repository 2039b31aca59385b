import { BaseServiceEnv } from '@overgang/config';
import { Principal, ROLES, Role } from './principal';

/**
 * Everything a service decides about a bearer token, in one place: which tokens are trusted
 * (issuer, audience, algorithm, key) and which claims they must carry. Issue 13 replaces the
 * shared secret with the agencies' OIDC issuers (JWKS); only `tokenTrust` changes then.
 */
export interface TokenTrust {
  secretOrKey: string;
  issuer: string;
  audience: string;
  algorithms: ['HS256'];
}

export function tokenTrust(env: BaseServiceEnv): TokenTrust {
  return {
    secretOrKey: env.AUTH_JWT_SECRET,
    issuer: env.AUTH_JWT_ISSUER,
    audience: env.AUTH_JWT_AUDIENCE,
    algorithms: ['HS256'],
  };
}

export interface TokenTimeRules {
  /** Longest a token may still be valid when it arrives, in seconds. */
  maxLifetimeS: number;
  /** How far the issuer's clock may be ahead of ours, in seconds. */
  clockSkewS: number;
}

export function tokenTimeRules(env: BaseServiceEnv): TokenTimeRules {
  return { maxLifetimeS: env.AUTH_MAX_TOKEN_LIFETIME_S, clockSkewS: env.AUTH_CLOCK_SKEW_S };
}

export interface VerifiedClaims {
  sub?: unknown;
  org?: unknown;
  unit?: unknown;
  roles?: unknown;
  exp?: unknown;
  iat?: unknown;
}

/**
 * Why a token whose signature holds is still refused for its times, or null. A stolen token must
 * stop working soon: it must expire, not too far ahead, and cannot claim to be issued later than now.
 */
export function tokenTimeProblem(claims: VerifiedClaims, nowS: number, rules: TokenTimeRules): string | null {
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return 'the token has no expiry (exp)';
  if (claims.exp - nowS > rules.maxLifetimeS + rules.clockSkewS) {
    return `the token is valid for longer than ${rules.maxLifetimeS} s`;
  }
  if (claims.iat !== undefined && (typeof claims.iat !== 'number' || claims.iat > nowS + rules.clockSkewS)) {
    return 'the token is issued in the future (iat)';
  }
  return null;
}

/** The caller a verified token names, or null when its claims are not what the hub issues. */
export function principalFromClaims(
  claims: VerifiedClaims,
  nowS: number,
  rules: TokenTimeRules,
): Principal | null {
  if (tokenTimeProblem(claims, nowS, rules)) return null;
  if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || !/^\d{9}$/.test(claims.org)) {
    return null;
  }
  const roles = Array.isArray(claims.roles)
    ? (claims.roles as unknown[]).filter((r): r is Role => ROLES.includes(r as Role))
    : [];
  return {
    userId: claims.sub,
    organisationNumber: claims.org,
    unitId: typeof claims.unit === 'string' ? claims.unit : null,
    roles,
  };
}
