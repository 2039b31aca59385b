import request from 'supertest';
import * as jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { Role } from '@overgang/auth';
import {
  aBenefitDeduction,
  aConsent,
  aNationalId,
  aReleaseNotice,
  BAERUM,
  DRAMMEN,
  eventually,
  TEST_JWT_SECRET,
  tokenFor,
  tokenForClaims,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';
import { issuerEntry, longLivedToken } from '../support/oidc';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
/** A token the local issuer signs for claims no demo user has. */
const as = (sub: string, org: string, unit: string | null, roles: Role[]) => ({
  Authorization: `Bearer ${tokenForClaims({ sub, org, unit, roles })}`,
});
const HEADER = 'id,organisation_number,unit_id,name,email,phone,role,referral_types';

describe('authorisation by organisation type and unit, end to end', () => {
  let hub: Hub;
  let db: Client;
  const api = () => request(hub.gateway);

  beforeAll(async () => {
    // The provider's long-lived issuer is trusted too, so that its tokens are refused for their lifetime alone.
    hub = await startHub({}, { AUTH_ISSUERS: JSON.stringify([issuerEntry('longLived')]) });
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  const count = async (sql: string, params: unknown[] = []) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n;
  const contact = async (id: string) =>
    (
      await db.query<{ unit_id: string; name: string; email: string }>(
        'SELECT unit_id, name, email FROM routing.contact_person WHERE id = $1',
        [id],
      )
    ).rows[0];
  const directoryVersion = async () =>
    (await db.query<{ version: number }>('SELECT version FROM routing.directory_state WHERE id = 1')).rows[0]
      .version;

  it('refuses a CSV import that pulls another municipality’s contact person into the importer’s unit, changing nothing', async () => {
    const before = await contact('cp-baerum-bolig-1');
    const version = await directoryVersion();
    const outbox = await count('routing.outbox');
    const own = `cp-drammen-bolig-1,${DRAMMEN.housing},drammen-boligtjenesten,Eksempel Bolig,cp-drammen-bolig-1@demo.overgang.invalid,+47 400 10 010,primary,release-notice`;
    const takeover = `cp-baerum-bolig-1,${DRAMMEN.housing},drammen-boligtjenesten,Overtatt Kontakt,angriper@demo.overgang.invalid,+47 400 99 999,backup,release-notice`;
    const refused = await api()
      .post('/api/v1/directory/import.csv')
      .set(auth('coord-drammen'))
      .set('content-type', 'text/csv')
      .set('Accept-Language', 'nb')
      .send(`${HEADER}\n${own}\n${takeover}\n`)
      .expect(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'DIRECTORY.ROW_NOT_YOUR_ORGANISATION',
      row: 3,
      id: 'cp-baerum-bolig-1',
    });
    expect(refused.body.detail).toMatch(/^Rad 3: kontaktpersonen cp-baerum-bolig-1/);
    expect(await contact('cp-baerum-bolig-1')).toEqual(before);
    expect(before.unit_id).toBe('baerum-boligtjenesten');
    // Nothing stored and nothing published: no new directory version, no new recipient map.
    expect(await directoryVersion()).toBe(version);
    expect(await count('routing.outbox')).toBe(outbox);
  });

  it('refuses a JSON import row of another organisation’s unit by name, and takes one of the coordinator’s own', async () => {
    const foreignUnit = {
      id: 'baerum-boligtjenesten',
      organisationNumber: DRAMMEN.housing,
      name: 'Overtatt enhet',
      kind: 'housing-service',
      receives: ['release-notice'],
      mode: 'team',
    };
    const ownUnit = {
      id: 'drammen-authz-team',
      organisationNumber: DRAMMEN.housing,
      name: 'Drammen, eget team',
      kind: 'follow-up-mental-health',
      receives: [],
      mode: 'team',
    };
    const version = await directoryVersion();
    const refused = await api()
      .post('/api/v1/directory/import')
      .set(auth('coord-drammen'))
      .send({ units: [ownUnit, foreignUnit] })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'DIRECTORY.ROW_NOT_YOUR_ORGANISATION', row: 'units[1]' });
    expect(await count('routing.unit WHERE id = $1', [ownUnit.id])).toBe(0);
    expect(
      (await db.query('SELECT organisation_number FROM routing.unit WHERE id = $1', [foreignUnit.id])).rows[0]
        .organisation_number,
    ).toBe(BAERUM.housing);
    expect(await directoryVersion()).toBe(version);

    // A coordinator may not change their organisation's type (say, to the hub's) through an import.
    const typeChange = await api()
      .post('/api/v1/directory/import')
      .set(auth('coord-drammen'))
      .send({
        organisations: [
          {
            organisationNumber: DRAMMEN.housing,
            name: 'Drammen kommune',
            type: 'hub',
            municipalityNumber: '3301',
          },
        ],
      })
      .expect(403);
    expect(typeChange.body.row).toBe('organisations[0]');

    await api()
      .post('/api/v1/directory/import')
      .set(auth('coord-drammen'))
      .send({ units: [ownUnit] })
      .expect(200);
    expect(await count('routing.unit WHERE id = $1', [ownUnit.id])).toBe(1);
  });

  it('does not let a NAV organisation act as a prison: the role is dropped, nothing is stored', async () => {
    const navAsPrison = as('nav-as-prison', DRAMMEN.nav, 'nav-drammen-sosial', ['prison-consultant']);
    const nationalId = aNationalId();
    const consents = await count('referral.consent');
    const referrals = await count('referral.referral');
    const consent = await api()
      .post('/api/v1/consents')
      .set(navAsPrison)
      .send(aConsent({ nationalId }))
      .expect(403);
    expect(consent.body).toMatchObject({ code: 'AUTH.ROLE_REQUIRED' });
    const notice = await api()
      .post('/api/v1/referrals/release-notices')
      .set(navAsPrison)
      .send(aReleaseNotice({ nationalId }))
      .expect(403);
    expect(notice.body).toMatchObject({ code: 'AUTH.ROLE_REQUIRED' });
    expect(await count('referral.consent')).toBe(consents);
    expect(await count('referral.referral')).toBe(referrals);
  });

  it('does not make a municipality’s hub-admin the hub’s administrator: own clocks only, no other organisation’s units', async () => {
    // A clock for NAV Drammen and one for Drammen kommune.
    const nationalId = aNationalId();
    const consent = await api()
      .post('/api/v1/consents')
      .set(auth('consultant-drammen-fengsel'))
      .send(aConsent({ nationalId }))
      .expect(201);
    const { id } = (
      await api()
        .post('/api/v1/referrals/release-notices')
        .set(auth('consultant-drammen-fengsel'))
        .send(aReleaseNotice({ nationalId, consentId: consent.body.id }))
        .expect(201)
    ).body as { id: string };
    const hubAdmin = await eventually(
      async () =>
        (await api().get(`/api/v1/deadlines?referralId=${id}`).set(auth('hub-admin')).expect(200)).body
          .items as Array<{ recipientOrganisationNumber: string }>,
      {
        until: (items) => new Set(items.map((c) => c.recipientOrganisationNumber)).size === 2,
        what: 'both organisations’ clocks',
      },
    );
    expect(hubAdmin.length).toBeGreaterThan(1);

    const fakeAdmin = as('fake-admin', DRAMMEN.housing, 'drammen-boligtjenesten', [
      'hub-admin',
      'coordinator',
    ]);
    const seen = (await api().get(`/api/v1/deadlines?referralId=${id}`).set(fakeAdmin).expect(200)).body
      .items as Array<{ recipientOrganisationNumber: string }>;
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((c) => c.recipientOrganisationNumber))).toEqual(new Set([DRAMMEN.housing]));

    const unit = await db.query('SELECT name FROM routing.unit WHERE id = $1', ['nav-drammen-sosial']);
    await api()
      .patch('/api/v1/directory/units/nav-drammen-sosial')
      .set(fakeAdmin)
      .send({ name: 'Overtatt' })
      .expect(403);
    expect(
      (await db.query('SELECT name FROM routing.unit WHERE id = $1', ['nav-drammen-sosial'])).rows,
    ).toEqual(unit.rows);
    await api()
      .post('/api/v1/directory/organisations')
      .set(fakeAdmin)
      .send({ organisationNumber: '100000164', name: 'X', type: 'prison' })
      .expect(403);
  });

  it('refuses an organisation the directory does not know, and a unit of another organisation (problem+json)', async () => {
    const unknown = await api()
      .get('/api/v1/referrals/inbox')
      .set(as('u', '999999999', null, ['coordinator']))
      .expect(403);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body.code).toBe('AUTH.UNKNOWN_ORGANISATION');
    for (const path of ['/api/v1/referrals/inbox', '/api/v1/directory/organisations', '/api/v1/deadlines']) {
      const foreignUnit = await api()
        .get(path)
        .set(as('u', DRAMMEN.housing, 'nav-drammen-sosial', ['housing-caseworker', 'coordinator']))
        .expect(403);
      expect(foreignUnit.body.code).toBe('AUTH.UNIT_NOT_IN_ORGANISATION');
    }
  });

  it.each([
    ['valid for an hour and five minutes (longer than AUTH_MAX_TOKEN_LIFETIME_S)', 'long-lived'],
    ['signed with a shared secret (HS256), as the hub once accepted', 'shared-secret'],
    ['with alg none', 'unsigned'],
  ])('answers 401 to a token %s', async (_what, kind) => {
    const caller = {
      sub: 'cp-nav-drammen-1',
      org: DRAMMEN.nav,
      unit: 'nav-drammen-sosial',
      roles: ['nav-caseworker' as Role],
    };
    const claims = { org: caller.org, unit: caller.unit, roles: caller.roles };
    const people = issuerEntry('people').issuer;
    const token =
      kind === 'long-lived'
        ? await longLivedToken(caller)
        : kind === 'shared-secret'
          ? jwt.sign(claims, TEST_JWT_SECRET, {
              algorithm: 'HS256',
              subject: caller.sub,
              issuer: people,
              audience: 'overgang',
              expiresIn: 600,
            })
          : jwt.sign(claims, '', {
              algorithm: 'none',
              subject: caller.sub,
              issuer: people,
              audience: 'overgang',
              expiresIn: 600,
            });
    // Through the gateway, and at each service directly: every service verifies the token itself.
    for (const [base, path] of [
      [hub.gateway, '/api/v1/referrals/inbox'],
      [hub.services.routing, '/api/v1/directory/organisations'],
      [hub.services.deadline, '/api/v1/deadlines'],
    ]) {
      await request(base).get(path).set('Authorization', `Bearer ${token}`).expect(401);
    }
    // The same caller, signed in at the people's issuer, is let in.
    await api()
      .get('/api/v1/referrals/inbox')
      .set('Authorization', `Bearer ${tokenForClaims(caller)}`)
      .expect(200);
  });

  it('lets a sender’s own unit and its coordinator read what it sent, not the organisation’s other units', async () => {
    const nationalId = aNationalId();
    const consent = await api()
      .post('/api/v1/consents')
      .set(auth('cp-drammen-bolig-1'))
      .send(
        aConsent({
          nationalId,
          purposes: ['benefit-deduction'],
          receivingOrganisationNumbers: [DRAMMEN.nav],
        }),
      )
      .expect(201);
    const { id } = (
      await api()
        .post('/api/v1/referrals/benefit-deductions')
        .set(auth('cp-drammen-bolig-1'))
        .send(aBenefitDeduction({ nationalId, consentId: consent.body.id }))
        .expect(201)
    ).body as { id: string };
    for (const reader of ['cp-drammen-bolig-1', 'cp-drammen-bolig-2', 'coord-drammen']) {
      const res = await api().get(`/api/v1/referrals/${id}`).set(auth(reader)).expect(200);
      expect(res.body.person).not.toBeNull();
    }
    for (const outsider of ['cp-drammen-psyk-1', 'cp-drammen-rus-1', 'cp-baerum-bolig-1']) {
      const res = await api().get(`/api/v1/referrals/${id}`).set(auth(outsider)).expect(404);
      expect(res.body.code).toBe('REFERRAL.NOT_FOUND');
      await api().get(`/api/v1/referrals/${id}/history`).set(auth(outsider)).expect(404);
    }
    // The recipient still reads it, once routed.
    await eventually(() => api().get(`/api/v1/referrals/${id}`).set(auth('cp-nav-drammen-1')).expect(200), {
      what: 'NAV to read the routed referral',
    });
  });
});
