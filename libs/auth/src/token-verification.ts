import { BaseServiceEnv } from '@overgang/config';

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
