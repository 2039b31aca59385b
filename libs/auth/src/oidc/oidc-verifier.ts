import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, JWTPayload } from 'jose';
import { Principal } from '../principal';
import { tokenTimeProblem, TokenTimeRules } from '../token-verification';
import { principalFromMapping } from './claim-mapping';
import { TrustedIssuer } from './trusted-issuers';

type KeySet = ReturnType<typeof createRemoteJWKSet>;

export type Verification = { principal: Principal } | { problem: string };

/** How long an issuer's keys are kept before they are fetched again, and the least time between fetches. */
const KEYS_MAX_AGE_MS = 10 * 60_000;
const KEYS_COOLDOWN_MS = 30_000;

/**
 * Verifies bearer tokens against a list of trusted OpenID Connect issuers with `jose`: the issuer is
 * picked by the token's `iss`, its keys fetched from its JWKS (found by discovery) and cached, fetched
 * again when a token names an unknown `kid` — or when a known `kid`'s signature fails, for providers
 * that rotate a key under the same id — at most once per cooldown. Audience, algorithms, expiry and
 * the hub's own time rules are checked; the issuer's claim mapping then names the caller.
 */
export class OidcVerifier {
  private readonly keySets = new Map<string, Promise<KeySet>>();

  constructor(
    private readonly issuers: readonly TrustedIssuer[],
    private readonly rules: TokenTimeRules,
    private readonly now: () => number = () => Date.now(),
    /** The least time between two fetches of one issuer's keys. */
    private readonly keysCooldownMs = KEYS_COOLDOWN_MS,
  ) {}

  async verify(token: string): Promise<Verification> {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      return { problem: 'the token is not a JWT' };
    }
    const trusted = this.issuers.find((i) => i.issuer === iss);
    if (!trusted) return { problem: 'the token is not from a trusted issuer' };
    let payload: JWTPayload;
    try {
      payload = await this.verifyWith(trusted, token);
    } catch (err) {
      return { problem: refusal(err) };
    }
    const nowS = Math.floor(this.now() / 1000);
    const timeProblem = tokenTimeProblem(payload, nowS, this.rules);
    if (timeProblem) return { problem: timeProblem };
    return principalFromMapping(payload, trusted.claims);
  }

  private async verifyWith(trusted: TrustedIssuer, token: string): Promise<JWTPayload> {
    const keys = await this.keySet(trusted);
    const options = {
      issuer: trusted.issuer,
      audience: trusted.audience,
      algorithms: [...trusted.algorithms],
      clockTolerance: this.rules.clockSkewS,
      requiredClaims: ['exp'],
      currentDate: new Date(this.now()),
    };
    try {
      return (await jwtVerify(token, keys, options)).payload;
    } catch (err) {
      // A key replaced under the same id: fetch the keys once more, then decide.
      if (!(err instanceof errors.JWSSignatureVerificationFailed) || keys.coolingDown) throw err;
      await keys.reload();
      return (await jwtVerify(token, keys, options)).payload;
    }
  }

  private keySet(trusted: TrustedIssuer): Promise<KeySet> {
    let keys = this.keySets.get(trusted.issuer);
    if (!keys) {
      keys = jwksUriOf(trusted).then((uri) =>
        createRemoteJWKSet(new URL(uri), {
          cacheMaxAge: KEYS_MAX_AGE_MS,
          cooldownDuration: this.keysCooldownMs,
        }),
      );
      // A discovery that failed is asked again by the next token, not remembered.
      keys.catch(() => this.keySets.delete(trusted.issuer));
      this.keySets.set(trusted.issuer, keys);
    }
    return keys;
  }
}

/** The JWKS address: configured, or from the issuer's discovery document. */
async function jwksUriOf(trusted: TrustedIssuer): Promise<string> {
  if (trusted.jwksUri) return trusted.jwksUri;
  const res = await fetch(`${trusted.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new IssuerUnavailable(`discovery answered ${res.status}`);
  const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (doc.issuer !== trusted.issuer)
    throw new IssuerUnavailable('the discovery document names another issuer');
  if (typeof doc.jwks_uri !== 'string') throw new IssuerUnavailable('the discovery document has no jwks_uri');
  return doc.jwks_uri;
}

/** The issuer's discovery or keys could not be read: the caller cannot be verified now (503, not 401). */
export class IssuerUnavailable extends Error {}

function refusal(err: unknown): string {
  if (err instanceof IssuerUnavailable) throw err;
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is not accepted`;
  if (err instanceof errors.JOSEAlgNotAllowed) return "the token's algorithm is not allowed";
  if (err instanceof errors.JWKSNoMatchingKey) return "the token's signing key is not the issuer's";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not hold";
  // Not the token's fault: the keys could not be fetched (timeout, connection refused, bad JWKS).
  if (
    err instanceof errors.JWKSTimeout ||
    err instanceof errors.JWKSInvalid ||
    !(err instanceof errors.JOSEError)
  ) {
    throw new IssuerUnavailable("the issuer's keys could not be fetched");
  }
  return 'the token is not valid';
}
