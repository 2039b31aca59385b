import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import { BaseServiceEnv, SERVICE_ENV } from '@overgang/config';
import { IssuerUnavailable, OidcVerifier } from './oidc/oidc-verifier';
import { issuerListProblem, localIssuers, TrustedIssuer } from './oidc/trusted-issuers';
import { Principal } from './principal';
import { TokenTimeRules, tokenTimeRules } from './token-verification';

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

/** https, or plain http to this machine only (a provider beside the service). */
const isSecure = (url: string) =>
  /^https:\/\//.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url);

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
    if (env.NODE_ENV === 'production') {
      const plain = configured.find((i) => !isSecure(i.issuer) || (i.jwksUri && !isSecure(i.jwksUri)));
      if (plain) throw new Error(`AUTH_ISSUERS ${plain.issuer}: production fetches keys over https only`);
    }
  }
  const local = env.AUTH_LOCAL_PROVIDER_URL
    ? localIssuers(env.AUTH_LOCAL_PROVIDER_URL, env.AUTH_AUDIENCE)
    : [];
  return [...configured, ...local];
}

/**
 * Every service verifies the caller's token itself; the gateway only routes. Only tokens from the
 * trusted OpenID Connect issuers count, verified by their JWKS (OidcVerifier); there is no shared
 * secret.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  private readonly rules: TokenTimeRules;
  private readonly oidc: OidcVerifier;

  constructor(@Inject(SERVICE_ENV) env: BaseServiceEnv) {
    super();
    this.rules = tokenTimeRules(env);
    this.oidc = new OidcVerifier(trustedIssuers(env), this.rules);
  }

  async validate(token: string): Promise<Principal | false> {
    try {
      const v = await this.oidc.verify(token);
      return 'principal' in v ? v.principal : false;
    } catch (err) {
      if (err instanceof IssuerUnavailable)
        throw new ServiceUnavailableException('The sign-in service cannot be reached to check your token.');
      throw err;
    }
  }
}
