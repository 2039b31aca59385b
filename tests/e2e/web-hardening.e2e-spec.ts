import request from 'supertest';
import { Client } from 'pg';
import { aConsent, aNationalId, tokenFor } from '@overgang/testing';
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

describe('web hardening: headers on every answer', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub();
  });

  afterAll(async () => {
    await hub?.stop();
  });

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
        .set({ Authorization: `Bearer not-a-token-${n}` });
      statuses.push(res.status);
      if (res.status === 429) expectRateLimited(res);
    }
    expect(statuses).toEqual([...Array<number>(UNAUTHENTICATED_LIMIT).fill(401), 429, 429, 429]);
    await request(hub.gateway).get('/api/v1/directory/export.csv').set(auth('coord-baerum')).expect(200);
  });

  it('answers 429 at the gateway to an address past its limit, before any service', async () => {
    let limited: request.Response | undefined;
    for (let n = 0; n < ADDRESS_LIMIT + 1 && !limited; n++) {
      const res = await request(hub.gateway).get('/api/v1/nothing-here');
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expectRateLimited(limited!);
    expectSecurityHeaders(limited!.headers);
    // Health probes are not counted.
    await request(hub.gateway).get('/health').expect(200);
  });
});
