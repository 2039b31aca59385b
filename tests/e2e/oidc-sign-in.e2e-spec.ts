import request from 'supertest';
import { aConsent, aNationalId, aReleaseNotice, DRAMMEN, eventually } from '@overgang/testing';
import { Hub, startHub } from '../support/hub';
import { signedInAs, systemSignedIn, untrustedToken } from '../support/oidc';

/** Tokens from the real local identity provider (mock-oauth2-server), verified by each service by JWKS. */
describe('sign-in with OpenID Connect tokens, end to end', () => {
  let hub: Hub;
  const api = () => request(hub.gateway);

  beforeAll(async () => {
    hub = await startHub();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it("lets a person the provider signed in work as the directory's demo user", async () => {
    const res = await api()
      .get('/api/v1/referrals/inbox')
      .set(await signedInAs('cp-nav-drammen-1'))
      .expect(200);
    expect(res.body).toHaveProperty('items');
  });

  it('refuses a token from an issuer the hub does not trust, as problem+json', async () => {
    const res = await api()
      .get('/api/v1/referrals/inbox')
      .set('Authorization', `Bearer ${await untrustedToken()}`)
      .expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401 });
  });

  it('refuses a token the provider signed for a user it has no claims for (no audience, no organisation)', async () => {
    await api()
      .get('/api/v1/referrals/inbox')
      .set(await signedInAs('someone-unknown'))
      .expect(401);
  });

  it("drops a role the organisation's type does not allow: a municipality's hub-admin is not the hub's", async () => {
    const headers = await signedInAs({
      sub: 'p-hub',
      org: DRAMMEN.housing,
      unit: null,
      roles: ['hub-admin'],
    });
    const res = await api().get('/api/v1/directory/unroutable').set(headers);
    expect([403, 404]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it("lets a prison's case system send a release notice with its scope, its organisation from the token", async () => {
    const system = await systemSignedIn('kos-drammen-fengsel', ['overgang:release-notices.write']);
    const nationalId = aNationalId();
    const consent = await api()
      .post('/api/v1/consents')
      .set(system)
      .send(aConsent({ nationalId }))
      .expect(201);
    const sent = await api()
      .post('/api/v1/referrals/release-notices')
      .set(system)
      .send(aReleaseNotice({ nationalId, consentId: consent.body.id }))
      .expect(201);
    const item = await eventually(
      async () => {
        const res = await api()
          .get('/api/v1/referrals/inbox')
          .set(await signedInAs('cp-nav-drammen-1'));
        return (res.body.items as Array<{ id: string }>).find((i) => i.id === sent.body.id);
      },
      { until: (i) => i !== undefined, what: 'the release notice in NAV Drammen’s inbox' },
    );
    expect(item).toBeDefined();
  });

  it('lets a system with a read scope read, and change nothing', async () => {
    const reader = await systemSignedIn('arkiv-drammen-kommune', ['overgang:referrals.read']);
    const inbox = await api().get('/api/v1/referrals/inbox').set(reader).expect(200);
    expect(inbox.body).toHaveProperty('items');
    const refused = await api()
      .post(
        `/api/v1/referrals/${(inbox.body.items as Array<{ id: string }>)[0]?.id ?? '00000000-0000-4000-8000-000000000000'}/acknowledge`,
      )
      .set(reader)
      .set('Accept-Language', 'en')
      .send({});
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'AUTH.SCOPE_READ_ONLY' });
  });

  it('gives a system without the scope no role: it cannot send', async () => {
    const system = await systemSignedIn('kos-drammen-fengsel', ['overgang:something-else']);
    const res = await api()
      .post('/api/v1/consents')
      .set(system)
      .send(aConsent({ nationalId: aNationalId() }));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
