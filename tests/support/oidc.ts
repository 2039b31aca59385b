import { localIssuers, Role } from '@overgang/auth';

/* eslint-disable @typescript-eslint/no-require-imports */
const provider = require('../../scripts/oidc/provider.js');

/** The port of the test run's identity provider (tests/setup/global-setup.ts). */
export function providerPort(): number {
  const url = process.env.AUTH_LOCAL_PROVIDER_URL;
  if (!url)
    throw new Error('AUTH_LOCAL_PROVIDER_URL is not set: the test setup starts the identity provider');
  return Number(new URL(url).port);
}

/** An access token from the real local provider: for a demo user by id, or a persona by its claims. */
export async function signedInAs(
  user: string | { sub: string; org: string; unit: string | null; roles: Role[] },
): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await provider.personToken(providerPort(), user)}` };
}

/** A token from the provider's issuer whose tokens live an hour and five minutes, and its issuer. */
export function longLivedToken(user: {
  sub: string;
  org: string;
  unit: string | null;
  roles: Role[];
}): Promise<string> {
  return provider.personToken(providerPort(), user, 'longLived');
}

/** The trusted-issuer entry (AUTH_ISSUERS) for one of the provider's issuers, as `localIssuers` has it. */
export function issuerEntry(which: 'people' | 'systems' | 'longLived') {
  const base = `http://127.0.0.1:${providerPort()}`;
  const [people, systems] = localIssuers(base);
  if (which === 'systems') return systems;
  return which === 'people' ? people : { ...people, issuer: `${base}/langlevd` };
}

/** An agency system's token from the provider's Maskinporten-like issuer, with these scopes. */
export async function systemSignedIn(clientId: string, scopes: string[]): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await provider.systemToken(providerPort(), clientId, scopes)}` };
}

/** A token the provider signs for an issuer the hub does not trust (another path on it). */
export async function untrustedToken(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${providerPort()}/annen/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'kos-drammen-fengsel',
      client_secret: 'local',
      scope: 'overgang',
    }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
