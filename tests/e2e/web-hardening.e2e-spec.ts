import request from 'supertest';
import { Client } from 'pg';
import { osloDate } from '@overgang/core';
import {
  aConsent,
  aNationalId,
  aPdf,
  aPdfHtmlPolyglot,
  aPdfPrefixedExecutable,
  aReleaseNotice,
  anHtmlFileWithPdfHeader,
  tokenFor,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const CONSULTANT = 'consultant-drammen-fengsel';

async function connect(): Promise<Client> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  return db;
}

/** The headers every answer of the hub carries, an error as much as a success. */
function expectSecurityHeaders(headers: Record<string, string | undefined>, page = false) {
  expect(headers).toMatchObject({
    'strict-transport-security': expect.stringMatching(/max-age=\d{7,}/),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
  });
  expect(headers['content-security-policy']).toContain(page ? "script-src 'self'" : "default-src 'none'");
  expect(headers['x-powered-by']).toBeUndefined();
}

function expectRateLimited(res: request.Response) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  const problem = JSON.parse(res.text) as { status: number; code: string; title: string; detail: string };
  expect(problem).toMatchObject({
    status: 429,
    code: 'REQUEST.RATE_LIMITED',
    title: 'For mange forespørsler',
  });
  expect(problem.detail).toContain(`ent ${res.headers['retry-after']} sekunder`);
  return problem;
}

/** A 400 problem naming the field and the rule. */
function expectFieldRefused(res: request.Response, field: string, rule: string) {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
}

describe('web hardening: headers, attachments and input', () => {
  let hub: Hub;
  let db: Client;

  beforeAll(async () => {
    hub = await startHub();
    db = await connect();
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  const api = () => request(hub.gateway);

  /** A release notice from the Drammen consultant under a consent of its own: its id. */
  async function aSubmittedReferral(): Promise<string> {
    const nationalId = aNationalId();
    const consent = await api()
      .post('/api/v1/consents')
      .set(auth(CONSULTANT))
      .send(aConsent({ nationalId }))
      .expect(201);
    const referral = await api()
      .post('/api/v1/referrals/release-notices')
      .set(auth(CONSULTANT))
      .send(aReleaseNotice({ nationalId, consentId: consent.body.id }))
      .expect(201);
    return referral.body.id as string;
  }

  const attachmentsOf = async (referralId: string) =>
    Number(
      (
        await db.query<{ n: string }>(
          'SELECT count(*) AS n FROM referral.attachment WHERE referral_id = $1',
          [referralId],
        )
      ).rows[0].n,
    );
  /** How many events the referral service ever wrote for the referral. */
  const eventsOf = async (referralId: string) =>
    Number(
      (
        await db.query<{ n: string }>(
          'SELECT coalesce(max(last_sequence), 0) AS n FROM referral.outbox_sequence WHERE key = $1',
          [referralId],
        )
      ).rows[0].n,
    );
  const upload = (referralId: string, file: Buffer, name = 'vedtak.pdf') =>
    api()
      .post(`/api/v1/referrals/${referralId}/attachments`)
      .set(auth(CONSULTANT))
      .attach('file', file, { filename: name, contentType: 'application/pdf' });

  it('carries the security headers and no-store through the gateway, on success and refusal', async () => {
    const inbox = await request(hub.gateway).get('/api/v1/referrals/inbox').set(auth(CONSULTANT)).expect(200);
    expectSecurityHeaders(inbox.headers);
    const refused = await request(hub.gateway).get('/api/v1/referrals/inbox').expect(401);
    expectSecurityHeaders(refused.headers);
    const unknown = await request(hub.gateway).get('/api/v1/nothing-here').expect(404);
    expectSecurityHeaders(unknown.headers);
    const health = await request(hub.gateway).get('/health');
    expectSecurityHeaders(health.headers);
  });

  it('carries them when a service is called directly', async () => {
    for (const base of Object.values(hub.services)) {
      const health = await request(base).get('/health').expect(200);
      expectSecurityHeaders(health.headers);
    }
    const consents = await request(hub.services.referral)
      .post('/api/v1/consents')
      .set(auth(CONSULTANT))
      .send(aConsent({ nationalId: aNationalId() }))
      .expect(201);
    expectSecurityHeaders(consents.headers);
    const directory = await request(hub.services.routing)
      .get('/api/v1/directory/export.csv')
      .set(auth('coord-drammen'))
      .expect(200);
    expectSecurityHeaders(directory.headers);
  });

  it('serves /docs as a page under its own policy, with the assets it needs', async () => {
    const page = await request(hub.gateway).get('/docs/').expect(200);
    expectSecurityHeaders(page.headers, true);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    // Swagger UI runs only scripts of its own origin: no inline script on the page.
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const src of scripts) {
      const asset = await request(hub.gateway).get(new URL(src, `${hub.gateway}/docs/`).pathname);
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
    }
    const json = await request(hub.gateway).get('/docs-json').expect(200);
    expectSecurityHeaders(json.headers);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/referrals/release-notices']),
    );
  });
  it('marks a referral read no-store, through the gateway and from the service itself', async () => {
    const id = await aSubmittedReferral();
    for (const base of [hub.gateway, hub.services.referral]) {
      const read = await request(base).get(`/api/v1/referrals/${id}`).set(auth(CONSULTANT)).expect(200);
      expect(read.body.person).toMatchObject({ name: 'Testa Testesen' });
      expectSecurityHeaders(read.headers);
    }
  });

  it('takes a real PDF and serves it back as a download that is never sniffed', async () => {
    const id = await aSubmittedReferral();
    const pdf = aPdf('Vedtak om midlertidig bolig');
    const uploaded = await upload(id, pdf, '../Søknad "bolig".html').expect(201);
    expect(uploaded.body.fileName).toBe('Søknad "bolig".html.pdf');
    const file = await api()
      .get(`/api/v1/referrals/${id}/attachments/${uploaded.body.id}`)
      .set(auth(CONSULTANT))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((file.body as Buffer).equals(pdf)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="S_knad _bolig_.html.pdf"; filename*=UTF-8''S%C3%B8knad%20%22bolig%22.html.pdf`,
    );
    expectSecurityHeaders(file.headers);
  });

  it('refuses an HTML file with a PDF header, a PDF/HTML polyglot and programs behind a PDF header', async () => {
    const id = await aSubmittedReferral();
    const events = await eventsOf(id);
    for (const [file, code] of [
      [anHtmlFileWithPdfHeader(), 'ATTACHMENT.NOT_ONLY_PDF'],
      [aPdfHtmlPolyglot(), 'ATTACHMENT.NOT_ONLY_PDF'],
      [aPdfPrefixedExecutable('pe'), 'ATTACHMENT.NOT_ONLY_PDF'],
      [aPdfPrefixedExecutable('elf'), 'ATTACHMENT.NOT_ONLY_PDF'],
      [Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), 'ATTACHMENT.NOT_PDF'],
    ] as const) {
      const res = await upload(id, file);
      expect({ code, status: res.status, type: res.headers['content-type'] }).toEqual({
        code,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(res.body).toMatchObject({ code, field: 'file' });
    }
    expect(await attachmentsOf(id)).toBe(0);
    expect(await eventsOf(id)).toBe(events);
  });

  it('refuses a document on a withdrawn referral, storing and publishing nothing', async () => {
    const id = await aSubmittedReferral();
    await api()
      .post(`/api/v1/referrals/${id}/withdraw`)
      .set(auth(CONSULTANT))
      .send({ reason: 'Feil person' })
      .expect(200);
    const events = await eventsOf(id);
    const refused = await upload(id, aPdf()).set('Accept-Language', 'nb').expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'ATTACHMENT.REFERRAL_NOT_ACTIVE',
      currentStatus: 'withdrawn',
      detail: expect.stringContaining('trukket tilbake'),
    });
    expect(await attachmentsOf(id)).toBe(0);
    expect(await eventsOf(id)).toBe(events);
  });

  it('refuses __proto__, constructor and prototype like any other unknown key, naming it', async () => {
    const body = JSON.stringify(aConsent({ nationalId: aNationalId() }));
    for (const [json, field] of [
      [body.replace(/^\{/, '{"__proto__":{"roles":["hub-admin"]},'), '__proto__'],
      [body.replace(/^\{/, '{"constructor":{"prototype":{"x":1}},'), 'constructor'],
      [body.replace(/^\{/, '{"extra":{"prototype":1},'), 'extra.prototype'],
    ]) {
      const res = await api()
        .post('/api/v1/consents')
        .set(auth(CONSULTANT))
        .set('content-type', 'application/json')
        .send(json);
      expectFieldRefused(res, field, 'unknownField');
      expect(res.body.errors[0].message).toBe(`${field} is not a field this endpoint accepts`);
    }
    const unknown = await api()
      .post('/api/v1/consents')
      .set(auth(CONSULTANT))
      .send({ ...aConsent({ nationalId: aNationalId() }), extra: 1 });
    expectFieldRefused(unknown, 'extra', 'unknownField');
  });

  it('refuses year 9999 and other dates outside a field’s window, naming the field', async () => {
    const nationalId = aNationalId();
    const consent = await api()
      .post('/api/v1/consents')
      .set(auth(CONSULTANT))
      .send(aConsent({ nationalId }))
      .expect(201);
    const release = await api()
      .post('/api/v1/referrals/release-notices')
      .set(auth(CONSULTANT))
      .set('Accept-Language', 'nb')
      .send(aReleaseNotice({ nationalId, consentId: consent.body.id, expectedReleaseDate: '9999-12-31' }));
    expectFieldRefused(release, 'expectedReleaseDate', 'isDateWithin');
    expect(release.body.errors[0].message).toMatch(
      /^expectedReleaseDate må være en dato fra \d{4}-\d{2}-\d{2} til/,
    );
    const consentFrom1900 = await api()
      .post('/api/v1/consents')
      .set(auth(CONSULTANT))
      .send(aConsent({ nationalId, validFrom: '1900-01-01' }));
    expectFieldRefused(consentFrom1900, 'validFrom', 'isDateWithin');
    const absence = await api()
      .post('/api/v1/directory/contact-persons/cp-drammen-bolig-2/absences')
      .set(auth('coord-drammen'))
      .send({ from: osloDate(new Date()), to: '9999-12-31', reason: 'holiday' });
    expectFieldRefused(absence, 'to', 'isDateWithin');
  });
});

describe('web hardening: rate limits', () => {
  let hub: Hub;
  let db: Client;
  const USER_LIMIT = 5;
  const UNAUTHENTICATED_LIMIT = 8;
  const ADDRESS_LIMIT = 60;

  beforeAll(async () => {
    hub = await startHub(
      {},
      {
        THROTTLE_USER_LIMIT: String(USER_LIMIT),
        THROTTLE_UNAUTHENTICATED_LIMIT: String(UNAUTHENTICATED_LIMIT),
        THROTTLE_ADDRESS_LIMIT: String(ADDRESS_LIMIT),
      },
    );
    db = await connect();
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  it('refuses a user past their limit with 429, Retry-After and problem+json, and stores nothing', async () => {
    const user = 'consultant-ringerike-fengsel';
    const count = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            'SELECT count(*) AS n FROM referral.consent WHERE registered_by_user = $1',
            [user],
          )
        ).rows[0].n,
      );
    const before = await count();
    const statuses: number[] = [];
    for (let n = 0; n < USER_LIMIT + 1; n++) {
      const res = await request(hub.services.referral)
        .post('/api/v1/consents')
        .set(auth(user))
        .set('Accept-Language', 'nb')
        .send(aConsent({ nationalId: aNationalId() }));
      statuses.push(res.status);
      if (n === USER_LIMIT) expectRateLimited(res);
    }
    expect(statuses).toEqual([...Array<number>(USER_LIMIT).fill(201), 429]);
    expect((await count()) - before).toBe(USER_LIMIT);
    // Another user is not held up by the first one's budget.
    await request(hub.services.referral)
      .get('/api/v1/referrals/inbox')
      .set(auth('cp-drammen-bolig-2'))
      .expect(200);
  });

  it('answers 429 to an address that keeps sending bad tokens, but still serves a valid token from it', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < UNAUTHENTICATED_LIMIT + 3; n++) {
      // Through the gateway, as a browser would: the service counts the caller's address, not the gateway's.
      const res = await request(hub.gateway)
        .get('/api/v1/directory/export.csv')
        .set({ Authorization: `Bearer not-a-token-${n}`, 'Accept-Language': 'nb' });
      statuses.push(res.status);
      if (res.status === 429) expectRateLimited(res);
    }
    expect(statuses).toEqual([...Array<number>(UNAUTHENTICATED_LIMIT).fill(401), 429, 429, 429]);
    await request(hub.gateway).get('/api/v1/directory/export.csv').set(auth('coord-baerum')).expect(200);
  });

  it('answers 429 at the gateway to an address past its limit, before any service', async () => {
    let limited: request.Response | undefined;
    for (let n = 0; n < ADDRESS_LIMIT + 1 && !limited; n++) {
      const res = await request(hub.gateway).get('/api/v1/nothing-here').set('Accept-Language', 'nb');
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expectRateLimited(limited!);
    expectSecurityHeaders(limited!.headers);
    // Health probes are not counted.
    await request(hub.gateway).get('/health').expect(200);
  });
});
