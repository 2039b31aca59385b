import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import * as jwt from 'jsonwebtoken';
import { decodeJwt } from 'jose';
import { Strategy } from 'passport-strategy';
import { BaseServiceEnv, SERVICE_ENV } from '@overgang/config';
import { IssuerUnavailable, OidcVerifier } from './oidc/oidc-verifier';
import { issuerListProblem, localIssuers, TrustedIssuer } from './oidc/trusted-issuers';
import { Principal } from './principal';
import {
  principalFromClaims,
  TokenTimeRules,
  tokenTimeRules,
  tokenTrust,
  VerifiedClaims,
} from './token-verification';

type Done = (err: unknown, user?: Principal | false) => void;

/** Passes the request's bearer token to the verify callback; no token, no caller (401). */
class BearerTokenStrategy extends Strategy {
  name = 'jwt';

  constructor(private readonly verifyToken: (token: string, done: Done) => void) {
    super();
  }

  override authenticate(req: Request): void {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) return this.fail(401);
    this.verifyToken(match[1], (err, user) => {
      if (err) return this.error(err as Error);
      if (!user) return this.fail(401);
      this.success(user);
    });
  }
}

/** The OIDC issuers a service trusts: AUTH_ISSUERS, and in development and tests the local provider's. */
export function trustedIssuers(env: BaseServiceEnv): TrustedIssuer[] {
  let configured: TrustedIssuer[] = [];
  if (env.AUTH_ISSUERS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.AUTH_ISSUERS);
    } catch {
      throw new Error('AUTH_ISSUERS is not valid JSON');
    }
    const problem = issuerListProblem(parsed);
    if (problem) throw new Error(`AUTH_ISSUERS ${problem}`);
    configured = parsed as TrustedIssuer[];
  }
  const local = env.AUTH_LOCAL_PROVIDER_URL
    ? localIssuers(env.AUTH_LOCAL_PROVIDER_URL, env.AUTH_JWT_AUDIENCE)
    : [];
  return [...configured, ...local];
}

/**
 * Every service verifies the caller's token itself; the gateway only routes. A token from a trusted
 * OIDC issuer is verified by its JWKS (OidcVerifier); the shared-secret issuer is still accepted while
 * the tests move to the local identity provider (issue 13).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  private readonly rules: TokenTimeRules;
  private readonly oidc: OidcVerifier;
  private readonly oidcIssuers: ReadonlySet<string>;

  constructor(@Inject(SERVICE_ENV) private readonly env: BaseServiceEnv) {
    super();
    this.rules = tokenTimeRules(env);
    const issuers = trustedIssuers(env);
    this.oidc = new OidcVerifier(issuers, this.rules);
    this.oidcIssuers = new Set(issuers.map((i) => i.issuer));
  }

  async validate(token: string): Promise<Principal | false> {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      return false;
    }
    if (typeof iss === 'string' && this.oidcIssuers.has(iss)) {
      try {
        const v = await this.oidc.verify(token);
        return 'principal' in v ? v.principal : false;
      } catch (err) {
        if (err instanceof IssuerUnavailable)
          throw new ServiceUnavailableException('The sign-in service cannot be reached to check your token.');
        throw err;
      }
    }
    return this.legacy(token);
  }

  /**
   * The shared-secret issuer the hub began with: HS256 only, its published development and test
   * secrets refused in production (BaseServiceEnv). It goes when the tests sign in at the provider.
   */
  private legacy(token: string): Principal | false {
    const trust = tokenTrust(this.env);
    let claims: VerifiedClaims;
    try {
      claims = jwt.verify(token, trust.secretOrKey, {
        algorithms: trust.algorithms,
        issuer: trust.issuer,
        audience: trust.audience,
      });
    } catch {
      return false;
    }
    return principalFromClaims(claims, Math.floor(Date.now() / 1000), this.rules) ?? false;
  }
}
