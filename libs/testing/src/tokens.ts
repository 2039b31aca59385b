import { execFileSync } from 'child_process';
import { join } from 'path';
import { Role } from '@overgang/auth';

export const TEST_JWT_SECRET = 'overgang-test-secret-0123456789abcdef-0123456789';
export const TEST_ISSUER = { secret: TEST_JWT_SECRET, issuer: 'overgang-local', audience: 'overgang' };

const MINT = join(__dirname, '..', '..', '..', 'scripts', 'oidc', 'mint.js');
/** A cached token is asked for again when it has less than this left (tokens live an hour). */
const RENEW_BEFORE_S = 600;

export interface TestCaller {
  sub: string;
  org: string;
  unit?: string | null;
  roles: Role[];
}

const cache = new Map<string, { token: string; exp: number }>();

function providerPort(): number {
  const url = process.env.AUTH_LOCAL_PROVIDER_URL;
  if (!url)
    throw new Error('AUTH_LOCAL_PROVIDER_URL is not set: the test setup starts the identity provider');
  return Number(new URL(url).port);
}

/**
 * A token from the test run's real identity provider (mock-oauth2-server, started by the test
 * setup), kept for the test file and asked for again before it expires.
 */
function providerToken(who: string | TestCaller): string {
  const key = typeof who === 'string' ? who : JSON.stringify({ ...who, unit: who.unit ?? null });
  const hit = cache.get(key);
  if (hit && hit.exp - Date.now() / 1000 > RENEW_BEFORE_S) return hit.token;
  const token = execFileSync(process.execPath, [MINT, String(providerPort()), key], {
    encoding: 'utf8',
  }).trim();
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
  cache.set(key, { token, exp });
  return token;
}

/** A token for one of the demo directory's users (see `npm run -s token -- --list`). */
export function tokenFor(userId: string): string {
  return providerToken(userId);
}

/** A token for claims no demo user has: another organisation, unit or roles. */
export function tokenForClaims(caller: TestCaller): string {
  return providerToken(caller);
}
