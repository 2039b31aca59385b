import * as os from 'os';
import * as path from 'path';
import { localIssuers, OidcVerifier, TrustedIssuer } from '.';

/* eslint-disable @typescript-eslint/no-require-imports */
const provider = require('../../../../scripts/oidc/provider.js');

/** The real local identity provider (mock-oauth2-server), on a port of this test's own. */
const PORT = Number(process.env.TEST_KAFKA_PORT ?? 19092) + 3;
const DATA = path.join(os.tmpdir(), `overgang-test-oidc-${PORT}`);
const URL = `http://127.0.0.1:${PORT}`;
const RULES = { maxLifetimeS: 3600, clockSkewS: 60 };
const [PEOPLE, SYSTEMS] = localIssuers(URL);

const verifier = (issuers: TrustedIssuer[] = [PEOPLE, SYSTEMS], now?: () => number) =>
  new OidcVerifier(issuers, RULES, now);

describe('OidcVerifier against the real identity provider', () => {
  beforeAll(async () => {
    await provider.startProvider({ dataDir: DATA, port: PORT });
  });
  afterAll(async () => {
    await provider.stopProvider({ dataDir: DATA });
  });

  it("names a demo user by the people's issuer's claims", async () => {
    const token = await provider.personToken(PORT, 'consultant-drammen-fengsel');
    await expect(verifier().verify(token)).resolves.toEqual({
      principal: {
        userId: 'consultant-drammen-fengsel',
        organisationNumber: '100000008',
        unitId: 'drammen-fengsel-sosialkonsulent',
        roles: ['prison-consultant'],
      },
    });
  });

  it('names a test persona, roles given as one string, no unit', async () => {
    const token = await provider.personToken(PORT, {
      sub: 'p-1',
      org: '100000016',
      unit: null,
      roles: ['coordinator', 'housing-caseworker', 'no-such-role'],
    });
    const v = await verifier().verify(token);
    expect(v).toEqual({
      principal: {
        userId: 'p-1',
        organisationNumber: '100000016',
        unitId: null,
        roles: ['coordinator', 'housing-caseworker'],
      },
    });
  });

  it("takes a system's organisation from Maskinporten's consumer claim and its role from its scope", async () => {
    const token = await provider.systemToken(PORT, 'kos-drammen-fengsel', ['overgang:release-notices.write']);
    await expect(verifier().verify(token)).resolves.toEqual({
      principal: {
        userId: 'kos-drammen-fengsel',
        organisationNumber: '100000008',
        unitId: null,
        roles: ['prison-consultant'],
        system: true,
        scopes: ['overgang:release-notices.write'],
      },
    });
    const unscoped = await provider.systemToken(PORT, 'kos-drammen-fengsel', ['overgang:unknown']);
    const v = await verifier().verify(unscoped);
    expect(v).toMatchObject({ principal: { roles: [], scopes: ['overgang:unknown'] } });
  });

  it('refuses a token from an issuer the hub does not trust', async () => {
    const token = await provider.personToken(PORT, 'consultant-drammen-fengsel');
    await expect(verifier([SYSTEMS]).verify(token)).resolves.toEqual({
      problem: 'the token is not from a trusted issuer',
    });
  });

  it('refuses a token for another audience', async () => {
    const token = await provider.personToken(PORT, 'consultant-drammen-fengsel');
    const other = { ...PEOPLE, audience: 'another-service' };
    await expect(verifier([other]).verify(token)).resolves.toEqual({
      problem: "the token's aud claim is not accepted",
    });
  });

  it('refuses an expired token', async () => {
    const token = await provider.personToken(PORT, 'consultant-drammen-fengsel');
    const twoHoursOn = () => Date.now() + 2 * 3600_000;
    await expect(verifier(undefined, twoHoursOn).verify(token)).resolves.toEqual({
      problem: 'the token has expired',
    });
  });

  it('refuses an algorithm the issuer is not configured for', async () => {
    const token = await provider.personToken(PORT, 'consultant-drammen-fengsel');
    const esOnly: TrustedIssuer = { ...PEOPLE, algorithms: ['ES256'] };
    await expect(verifier([esOnly]).verify(token)).resolves.toEqual({
      problem: "the token's algorithm is not allowed",
    });
  });

  it('refuses a token whose signature was not made by the issuer', async () => {
    const token: string = await provider.personToken(PORT, 'consultant-drammen-fengsel');
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
    await expect(verifier().verify(forged)).resolves.toEqual({
      problem: "the token's signature does not hold",
    });
  });

  it('picks up a rotated signing key without a restart', async () => {
    // No cooldown between key fetches here (30 s by default), so the test need not wait for one.
    const v = new OidcVerifier([PEOPLE, SYSTEMS], RULES, undefined, 0);
    const before = await provider.personToken(PORT, 'consultant-drammen-fengsel');
    await expect(v.verify(before)).resolves.toHaveProperty('principal');
    await provider.startProvider({ dataDir: DATA, port: PORT, newKey: true });
    const after: string = await provider.personToken(PORT, 'consultant-drammen-fengsel');
    expect(after.split('.')[2]).not.toEqual(before.split('.')[2]);
    await expect(v.verify(after)).resolves.toHaveProperty('principal.userId', 'consultant-drammen-fengsel');
  });
});
