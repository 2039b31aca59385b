import { randomUUID } from 'crypto';
import request from 'supertest';
import { aConsent, aNationalId, aReleaseNotice, tokenFor } from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const CONSULTANT = 'consultant-drammen-fengsel';
const UNAUTHENTICATED_LIMIT = 4;

interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: Array<{ field: string; rule: string; message: string }>;
}

/** The answer as problem+json, with the language it says it is in and the Vary that keeps caches apart. */
function problemOf(res: request.Response, language: 'nb' | 'en'): Problem {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['content-language']).toBe(language);
  expect(res.headers.vary).toMatch(/Accept-Language/i);
  return JSON.parse(res.text) as Problem;
}

describe('problem answers in bokmål for Accept-Language nb, English otherwise', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({}, { THROTTLE_UNAUTHENTICATED_LIMIT: String(UNAUTHENTICATED_LIMIT) });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const api = () => request(hub.gateway);

  /** The same request asked in bokmål and without Accept-Language: both answers, same status and code. */
  async function both(send: (lang: Record<string, string>) => request.Test, status: number) {
    const nbRes = await send({ 'Accept-Language': 'nb-NO,nb;q=0.9,en;q=0.5' });
    const enRes = await send({});
    expect([nbRes.status, enRes.status]).toEqual([status, status]);
    const nb = problemOf(nbRes, 'nb');
    const en = problemOf(enRes, 'en');
    expect(nb.code).toBe(en.code);
    expect(nb.detail).not.toBe(en.detail);
    return { nb, en, nbRes, enRes };
  }

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

  it('400: names every field problem in bokmål by its rule, fields and rules unchanged', async () => {
    const body = { ...aConsent({ nationalId: aNationalId() }), evidenceReference: 42, givenBy: 'neighbour' };
    const { nb, en } = await both(
      (lang) => api().post('/api/v1/consents').set(auth(CONSULTANT)).set(lang).send(body),
      400,
    );
    expect(nb).toMatchObject({ code: 'REQUEST.INVALID', title: 'Ugyldig forespørsel' });
    expect(en).toMatchObject({ code: 'REQUEST.INVALID', title: 'Bad request' });
    expect(nb.errors?.map((e) => [e.field, e.rule])).toEqual(en.errors?.map((e) => [e.field, e.rule]));
    expect(nb.errors).toEqual(
      expect.arrayContaining([
        { field: 'evidenceReference', rule: 'isString', message: 'evidenceReference må være tekst' },
        { field: 'givenBy', rule: 'isIn', message: 'givenBy må være en av: person eller guardian' },
      ]),
    );
    expect(en.errors).toEqual(
      expect.arrayContaining([
        { field: 'evidenceReference', rule: 'isString', message: 'evidenceReference must be a string' },
      ]),
    );
    expect(nb.detail).toMatch(
      /^Forespørselen har felt som mangler eller ikke er gyldige\. .*evidenceReference må være tekst/,
    );
    expect(en.detail).toMatch(
      /^The request has fields that are missing or not valid\. .*evidenceReference must be a string/,
    );

    const unknown = await both(
      (lang) =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .set(lang)
          .send({ ...aConsent({ nationalId: aNationalId() }), extra: 1 }),
      400,
    );
    expect(unknown.nb.errors).toEqual([
      { field: 'extra', rule: 'unknownField', message: 'extra er ikke et felt dette endepunktet tar imot' },
    ]);
    expect(unknown.en.errors).toEqual([
      { field: 'extra', rule: 'unknownField', message: 'extra is not a field this endpoint accepts' },
    ]);
  });

  it('403, 404 and 409: a domain refusal in bokmål, with the same code and extras', async () => {
    const id = await aSubmittedReferral();
    const forbidden = await both(
      (lang) => api().post(`/api/v1/referrals/${id}/acknowledge`).set(auth(CONSULTANT)).set(lang).send({}),
      403,
    );
    // The guard writes this one in bokmål; an English caller gets it translated.
    expect(forbidden.nb).toMatchObject({
      code: 'AUTH.ROLE_REQUIRED',
      title: 'Ikke tillatt',
      detail: expect.stringMatching(/^Dette krever en av rollene housing-caseworker/),
    });
    expect(forbidden.en).toMatchObject({
      title: 'Not allowed',
      detail: expect.stringMatching(/^This needs one of the roles housing-caseworker/),
    });

    const missing = await both(
      (lang) => api().get(`/api/v1/referrals/${randomUUID()}`).set(auth(CONSULTANT)).set(lang),
      404,
    );
    expect(missing.nb).toMatchObject({
      code: 'REFERRAL.NOT_FOUND',
      title: 'Ikke funnet',
      detail: 'Det finnes ingen henvisning med den id-en, eller du har ikke tilgang til den.',
    });
    expect(missing.en).toMatchObject({
      title: 'Not found',
      detail: 'No referral with that id exists, or you may not see it.',
    });

    await api()
      .post(`/api/v1/referrals/${id}/withdraw`)
      .set(auth(CONSULTANT))
      .send({ reason: 'Feil person' })
      .expect(200);
    const conflict = await both(
      (lang) =>
        api()
          .post(`/api/v1/referrals/${id}/withdraw`)
          .set(auth(CONSULTANT))
          .set(lang)
          .send({ reason: 'Igjen' }),
      409,
    );
    expect(conflict.nb).toMatchObject({
      currentStatus: 'withdrawn',
      title: 'Konflikt',
      detail: expect.stringMatching(/^En henvisning som er trukket tilbake, kan ikke/),
    });
    expect(conflict.en).toMatchObject({ currentStatus: 'withdrawn', title: 'Conflict' });
    expect(conflict.en.detail).toMatch(/^A referral that is withdrawn cannot/);
  });

  it('415: a body of a type the endpoint does not take', async () => {
    const { nb, en } = await both(
      (lang) =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .set(lang)
          .set('content-type', 'text/plain')
          .send('hei'),
      415,
    );
    expect(nb).toMatchObject({
      code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      title: 'Medietypen støttes ikke',
      detail: expect.stringMatching(/^Dette endepunktet tar imot application\/json/),
    });
    expect(en).toMatchObject({
      title: 'Unsupported media type',
      detail: expect.stringMatching(/^This endpoint takes/),
    });
  });

  it('401 and then 429 to an address that keeps sending bad tokens', async () => {
    const signedOut = await both((lang) => api().get('/api/v1/referrals/inbox').set(lang), 401);
    expect(signedOut.nb).toMatchObject({
      code: 'HTTP.401',
      title: 'Ikke logget inn',
      detail: expect.stringContaining('bearer-token'),
    });
    expect(signedOut.en).toMatchObject({
      title: 'Not signed in',
      detail: expect.stringContaining('bearer token'),
    });

    // Past the limit the address is refused 429, signed in or not, until the window lets it through.
    let status = 401;
    for (let n = 0; n < UNAUTHENTICATED_LIMIT + 2 && status === 401; n++) {
      status = (
        await api()
          .get('/api/v1/referrals/inbox')
          .set({ Authorization: `Bearer bad-${n}` })
      ).status;
    }
    expect(status).toBe(429);
    const limited = await both(
      (lang) =>
        api()
          .get('/api/v1/referrals/inbox')
          .set({ Authorization: 'Bearer bad', ...lang }),
      429,
    );
    expect(Number(limited.nbRes.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const wait = limited.enRes.headers['retry-after'];
    expect(limited.nb).toMatchObject({
      code: 'REQUEST.RATE_LIMITED',
      title: 'For mange forespørsler',
      detail: expect.stringContaining('uten gyldig pålogging'),
    });
    expect(limited.en).toMatchObject({
      title: 'Too many requests',
      detail: expect.stringContaining(`Wait ${wait} seconds, sign in again`),
    });
  });
});
