import * as jwt from 'jsonwebtoken';
import { DEFAULT_MAX_TOKEN_LIFETIME_S } from '@overgang/config';
import { ROLES, TokenClaims } from './principal';

export interface IssuerSettings {
  secret: string;
  issuer: string;
  audience: string;
}

/**
 * The local token issuer for development, demos and tests. Production verifies tokens from the
 * agencies' OIDC issuer instead; the services only ever verify. Its tokens live as long as the
 * services accept by default (AUTH_MAX_TOKEN_LIFETIME_S).
 */
export function issueToken(
  settings: IssuerSettings,
  claims: TokenClaims,
  expiresInSeconds = DEFAULT_MAX_TOKEN_LIFETIME_S,
): string {
  for (const r of claims.roles) {
    if (!ROLES.includes(r)) throw new Error(`unknown role ${r}; known roles: ${ROLES.join(', ')}`);
  }
  return jwt.sign({ org: claims.org, unit: claims.unit ?? null, roles: claims.roles }, settings.secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    issuer: settings.issuer,
    audience: settings.audience,
    expiresIn: expiresInSeconds,
  });
}
