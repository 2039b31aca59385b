import request from 'supertest';
import { Client } from 'pg';
import { aConsent, aNationalId, aReleaseNotice, DRAMMEN, eventually, tokenFor } from '@overgang/testing';
import { MAX_JSON_DEPTH } from '@overgang/web';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const CONSULTANT = 'consultant-drammen-fengsel';
/** Short, so a request held up by a lock runs past it within the test. */
const REQUEST_TIMEOUT_MS = 3_000;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  text: string;
}

/** A 4xx or 503 answer is always problem+json naming what was wrong. */
function expectProblem(
  res: Answer,
  status: number,
  expected: { code?: string; field?: string; rule?: string },
) {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  const problem = JSON.parse(res.text) as {
    status: number;
    code: string;
    errors?: Array<{ field: string; rule: string }>;
  };
  expect(problem.status).toBe(status);
  if (expected.code) expect(problem.code).toBe(expected.code);
  if (expected.field || expected.rule) {
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ...(expected.field ? { field: expected.field } : {}),
          ...(expected.rule ? { rule: expected.rule } : {}),
        }),
      ]),
    );
  }
}

describe('robustness: bad input, concurrent load and a database that does not answer', () => {
  let hub: Hub;
  let db: Client;
  let referralId: string;
  let consentId: string;

  beforeAll(async () => {
    hub = await startHub({}, { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
    db = await connect();
    const nationalId = aNationalId();
    consentId = await registerConsent(aConsent({ nationalId }));
    const submitted = await api()
      .post('/api/v1/referrals/release-notices')
      .set(auth(CONSULTANT))
      .send(aReleaseNotice({ nationalId, consentId }))
      .expect(201);
    referralId = submitted.body.id;
    await eventually(
      async () => {
        const res = await api().get('/api/v1/referrals/inbox').set(auth('cp-drammen-bolig-1')).expect(200);
        return res.body.items.find((i: { id: string }) => i.id === referralId);
      },
      { until: (item) => item?.deadline?.status !== undefined, what: 'the referral in the inbox' },
    );
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  const api = () => request(hub.gateway);

  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    // Ended by the server in the last test: that must not crash the run.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  async function registerConsent(body: Record<string, unknown>): Promise<string> {
    return (await api().post('/api/v1/consents').set(auth(CONSULTANT)).send(body).expect(201)).body.id;
  }

  /** What the requests below could have changed; background work touches none of it. */
  async function stored(): Promise<Record<string, string>> {
    const { rows } = await db.query<Record<string, string>>(
      `SELECT (SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c.id), '')) FROM referral.consent c) AS consents,
              (SELECT count(*)::text FROM referral.consent_change) AS consent_changes,
              (SELECT count(*)::text FROM referral.referral) AS referrals,
              (SELECT count(*)::text FROM referral.referral_history) AS history,
              (SELECT count(*)::text FROM referral.attachment) AS attachments,
              (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM routing.contact_person p) AS contact_persons,
              (SELECT md5(coalesce(string_agg(u::text, '|' ORDER BY u.id), '')) FROM routing.unit u) AS units,
              (SELECT count(*)::text FROM routing.organisation) AS organisations,
              (SELECT count(*)::text FROM routing.absence) AS absences`,
    );
    return rows[0];
  }

  const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });
  const json = (body: unknown) => JSON.stringify(body);
  const contactPerson = {
    id: 'cp-drammen-robust-1',
    unitId: 'drammen-boligtjenesten',
    name: 'Robust Testesen',
    email: 'robust@example.no',
    phone: '+47 22 00 00 00',
    role: 'backup',
    referralTypes: ['release-notice'],
  };

  type Case = [string, () => request.Test, number, { code?: string; field?: string; rule?: string }];
  const cases: Case[] = [
    [
      'invalid JSON',
      () =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .set('content-type', 'application/json')
          .send('{"nationalId": '),
      400,
      { code: 'REQUEST.INVALID_JSON' },
    ],
    [
      'a NUL character in a body string',
      () =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .send(aConsent({ evidenceReference: 'ARKIV\u0000-1' })),
      400,
      { field: 'evidenceReference', rule: 'noNulCharacters' },
    ],
    [
      'a NUL character in a key',
      () =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .send({ ...aConsent(), 'x\u0000': 1 }),
      400,
      { rule: 'noNulCharacters' },
    ],
    [
      'a NUL character in a path parameter',
      () => api().get('/api/v1/directory/units/drammen%00boligtjenesten').set(auth('coord-drammen')),
      400,
      { field: 'path', rule: 'noNulCharacters' },
    ],
    [
      'a NUL character in the query',
      () => api().get('/api/v1/deadlines?status=open%00').set(auth('coord-drammen')),
      400,
      { field: 'query', rule: 'noNulCharacters' },
    ],
    [
      'an address that is not percent-encoded UTF-8',
      () => api().get('/api/v1/directory/units/%E0%A4%A').set(auth('coord-drammen')),
      400,
      { field: 'path', rule: 'percentEncoding' },
    ],
    [
      'a lone surrogate in an e-mail address',
      () =>
        api()
          .post('/api/v1/directory/contact-persons')
          .set(auth('coord-drammen'))
          .set('content-type', 'application/json')
          .send(json(contactPerson).replace('robust@example.no', 'robust\\ud800@example.no')),
      400,
      { field: 'email', rule: 'wellFormedUnicode' },
    ],
    [
      'JSON nested deeper than 32 levels',
      () =>
        api()
          .post('/api/v1/referrals/release-notices')
          .set(auth(CONSULTANT))
          .send({ ...aReleaseNotice({ consentId }), knownFollowUpService: nested(MAX_JSON_DEPTH + 8) }),
      400,
      { rule: 'maxDepth' },
    ],
    [
      'a JSON array where an object belongs',
      () => api().post('/api/v1/consents').set(auth(CONSULTANT)).send([aConsent()]),
      400,
      { field: 'body', rule: 'isObject' },
    ],
    [
      'an empty PATCH of a contact person',
      () =>
        api()
          .patch('/api/v1/directory/contact-persons/cp-drammen-bolig-2')
          .set(auth('coord-drammen'))
          .send({}),
      400,
      { field: 'body', rule: 'atLeastOneField' },
    ],
    [
      'an empty PATCH of a unit',
      () => api().patch('/api/v1/directory/units/drammen-rus').set(auth('coord-drammen')).send({}),
      400,
      { field: 'body', rule: 'atLeastOneField' },
    ],
    [
      'null for a unit name (NOT NULL)',
      () =>
        api().patch('/api/v1/directory/units/drammen-rus').set(auth('coord-drammen')).send({ name: null }),
      400,
      { field: 'name' },
    ],
    [
      'null for whether a contact person is active (NOT NULL)',
      () =>
        api()
          .patch('/api/v1/directory/contact-persons/cp-drammen-bolig-2')
          .set(auth('coord-drammen'))
          .send({ active: null, referralTypes: null }),
      400,
      { field: 'active' },
    ],
    [
      'null for the organisations of a partial withdrawal',
      () =>
        api()
          .post(`/api/v1/consents/${consentId}/withdrawals`)
          .set(auth(CONSULTANT))
          .send({ organisationNumbers: null }),
      400,
      { field: 'organisationNumbers' },
    ],
    [
      'a withdrawal with no body at all',
      () => api().post(`/api/v1/consents/${consentId}/withdrawals`).set(auth(CONSULTANT)),
      400,
      { code: 'REQUEST.BODY_MISSING' },
    ],
    [
      'a referral id that is not a UUID',
      () => api().get('/api/v1/referrals/not-a-uuid').set(auth('cp-drammen-bolig-1')),
      400,
      { field: 'id', rule: 'isUuid' },
    ],
    [
      'a consent id that is not a UUID',
      () => api().get("/api/v1/consents/1'%20OR%20'1'='1").set(auth(CONSULTANT)),
      400,
      { field: 'id', rule: 'isUuid' },
    ],
    [
      'a deadline id that is not a UUID',
      () => api().get('/api/v1/deadlines/42').set(auth('coord-drammen')),
      400,
      { field: 'id', rule: 'isUuid' },
    ],
    [
      'a routing explanation for an id that is not a UUID',
      () => api().get('/api/v1/referrals/xyz/routing').set(auth('coord-drammen')),
      400,
      { field: 'id', rule: 'isUuid' },
    ],
    [
      'an access-log query for an id that is not a UUID',
      () => api().get('/api/v1/access-log?referralId=abc').set(auth('coord-drammen')),
      400,
      { field: 'referralId', rule: 'isUuid' },
    ],
    [
      'more receiving organisations than a consent may name, and one twice',
      () =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .send(aConsent({ receivingOrganisationNumbers: Array<string>(60).fill(DRAMMEN.nav) })),
      400,
      { field: 'receivingOrganisationNumbers', rule: 'isUniqueArray' },
    ],
    [
      'a 1 MB array of repeated organisation numbers',
      () =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .send(aConsent({ receivingOrganisationNumbers: Array<string>(70_000).fill(DRAMMEN.nav) })),
      400,
      { field: 'receivingOrganisationNumbers', rule: 'arrayMaxSize' },
    ],
    [
      'text/plain on a JSON endpoint',
      () =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .set('content-type', 'text/plain')
          .send(json(aConsent())),
      415,
      { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' },
    ],
    [
      'a body without a Content-Type',
      () =>
        api()
          .post(`/api/v1/referrals/${referralId}/reject`)
          .set(auth('cp-drammen-bolig-1'))
          .set('content-type', '')
          .send(Buffer.from(json({ reason: 'x' }))),
      415,
      { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' },
    ],
    [
      'JSON in ISO-8859-1',
      () =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .set('content-type', 'application/json; charset=iso-8859-1')
          .send(json(aConsent())),
      415,
      { code: 'REQUEST.UNSUPPORTED_CHARSET' },
    ],
    [
      'JSON in UTF-16',
      () =>
        api()
          .post('/api/v1/consents')
          .set(auth(CONSULTANT))
          .set('content-type', 'application/json; charset=utf-16le')
          .send(Buffer.from(json(aConsent()), 'utf16le')),
      415,
      { code: 'REQUEST.UNSUPPORTED_CHARSET' },
    ],
    [
      'JSON sent to the CSV import',
      () => api().post('/api/v1/directory/import.csv').set(auth('coord-drammen')).send({ rows: [] }),
      415,
      { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' },
    ],
    [
      'a directory import naming one organisation twice (found by the long fuzz run: it was a 500)',
      () => {
        const org = {
          organisationNumber: '970000099',
          name: 'Dobbel kommune',
          type: 'municipality',
          municipalityNumber: '4601',
        };
        return api()
          .post('/api/v1/directory/import')
          .set(auth('hub-admin'))
          .send({ organisations: [org, org] });
      },
      400,
      { field: 'organisations', rule: 'isUniqueBy' },
    ],
    [
      'CSV sent to a JSON endpoint',
      () =>
        api()
          .post('/api/v1/directory/contact-persons')
          .set(auth('coord-drammen'))
          .set('content-type', 'text/csv')
          .send('id,name\ncp-x,X\n'),
      415,
      { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' },
    ],
    [
      'a multipart upload without a boundary',
      () =>
        api()
          .post(`/api/v1/referrals/${referralId}/attachments`)
          .set(auth('cp-drammen-bolig-1'))
          .set('content-type', 'multipart/form-data')
          .send('%PDF-1.4'),
      400,
      { code: 'REQUEST.MALFORMED_MULTIPART' },
    ],
    [
      'a NUL character in a CSV import',
      () =>
        api()
          .post('/api/v1/directory/import.csv')
          .set(auth('coord-drammen'))
          .set('content-type', 'text/csv')
          .send(
            'id,organisation_number,unit_id,name,email,phone,role,referral_types\ncp-x,1,u,N\u0000,e,p,r,t\n',
          ),
      400,
      { field: 'body', rule: 'noNulCharacters' },
    ],
  ];

  it.each(cases.map(([name, send, status, expected]) => ({ name, send, status, expected })))(
    'refuses $name with $status problem+json, and stores nothing',
    async ({ send, status, expected }) => {
      const before = await stored();
      const started = Date.now();
      const res = await send();
      expectProblem(res, status, expected);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await stored()).toEqual(before);
    },
  );

  it('refuses a partial withdrawal sent as text/plain with 415, leaving the consent as it was', async () => {
    const id = await registerConsent(aConsent());
    const withdrawal = json({ organisationNumbers: [DRAMMEN.nav] });
    const refused = await api()
      .post(`/api/v1/consents/${id}/withdrawals`)
      .set(auth(CONSULTANT))
      .set('content-type', 'text/plain')
      .send(withdrawal);
    expectProblem(refused, 415, { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
    const unchanged = await api().get(`/api/v1/consents/${id}`).set(auth(CONSULTANT)).expect(200);
    expect(unchanged.body).toMatchObject({ status: 'active', ledger: [] });
    expect(unchanged.body.receivingOrganisationNumbers).toContain(DRAMMEN.nav);

    const partial = await api()
      .post(`/api/v1/consents/${id}/withdrawals`)
      .set(auth(CONSULTANT))
      .set('content-type', 'application/json; charset=utf-8')
      .send(withdrawal)
      .expect(200);
    expect(partial.body).toMatchObject({ consentId: id, status: 'active' });
  });

  it('answers 413 problem+json to a body over the limit, at the gateway and at the service', async () => {
    const big = aConsent({ evidenceReference: 'x'.repeat(1_200_000) });
    for (const base of [hub.gateway, hub.services.referral]) {
      const before = await stored();
      const res = await request(base).post('/api/v1/consents').set(auth(CONSULTANT)).send(big);
      expectProblem(res, 413, { code: 'REQUEST.TOO_LARGE' });
      expect(await stored()).toEqual(before);
    }
    const csv = `id,organisation_number,unit_id,name,email,phone,role,referral_types\n${'x'.repeat(2_200_000)}\n`;
    const res = await api()
      .post('/api/v1/directory/import.csv')
      .set(auth('coord-drammen'))
      .set('content-type', 'text/csv')
      .send(csv);
    expectProblem(res, 413, { code: 'REQUEST.TOO_LARGE' });
  });

  it('answers 200 concurrent detail and inbox reads with 200 or 503, and is healthy right after', async () => {
    const reads = Array.from({ length: 200 }, (_, n) =>
      api()
        .get(n % 2 === 0 ? `/api/v1/referrals/${referralId}` : '/api/v1/referrals/inbox')
        .set(auth('cp-drammen-bolig-1'))
        .then((res) => {
          if (res.status === 503) expect(res.headers['retry-after']).toMatch(/^\d+$/);
          return res.status;
        }),
    );
    const statuses = await Promise.all(reads);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    await request(hub.services.referral).get('/health').expect(200);
    await api().get('/health').expect(200);
  });

  it('answers 503 with Retry-After past the request deadline, and never commits that request', async () => {
    const id = await registerConsent(aConsent());
    // A second session holds the consent's row, so the withdrawal's transaction waits for it.
    const holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM referral.consent WHERE id = $1 FOR UPDATE', [id]);
      const started = Date.now();
      const res = await api().post(`/api/v1/consents/${id}/withdrawals`).set(auth(CONSULTANT)).send({});
      const waited = Date.now() - started;
      expectProblem(res, 503, { code: 'REQUEST.TIMED_OUT' });
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(waited).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      expect(waited).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
      // Let the withdrawal go on: it gets the row, does its work, and must roll back at commit.
      await holder.query('COMMIT');
      // Taking the row again waits until the withdrawal's transaction has ended, either way.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM referral.consent WHERE id = $1 FOR UPDATE', [id]);
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    const consent = await api().get(`/api/v1/consents/${id}`).set(auth(CONSULTANT)).expect(200);
    expect(consent.body).toMatchObject({ status: 'active', ledger: [] });
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM referral.outbox WHERE key = $1 AND topic = 'consent.withdrawn.v1'`,
      [id],
    );
    expect(rows[0].n).toBe(0);
    // The service is not harmed: the same withdrawal goes through now.
    await api().post(`/api/v1/consents/${id}/withdrawals`).set(auth(CONSULTANT)).send({}).expect(200);
  });

  it('answers /health 503 problem+json within about 2 s while its database does not answer, 200 after', async () => {
    // A lock nothing else takes stands in for a frozen server: the readiness query hangs on it.
    const holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE referral.recipient_map IN ACCESS EXCLUSIVE MODE');
      for (let probe = 0; probe < 2; probe++) {
        const started = Date.now();
        const res = await request(hub.services.referral).get('/health');
        expect(Date.now() - started).toBeLessThan(3_500);
        expectProblem(res, 503, {});
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
      }
      const gateway = await api().get('/health').expect(503);
      expect(gateway.body.upstreams).toMatchObject({ referral: 'not ready', routing: 'ok', deadline: 'ok' });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    await eventually(() => request(hub.services.referral).get('/health').expect(200), {
      what: 'the referral service to be ready again',
    });
  });

  // Last: while connections are refused the services' background work fails and retries.
  it('answers 503 with Retry-After everywhere while the database refuses connections, and recovers', async () => {
    await eventually(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM referral.outbox WHERE published_at IS NULL)
                + (SELECT count(*) FROM routing.outbox WHERE published_at IS NULL)
                + (SELECT count(*) FROM deadline.outbox WHERE published_at IS NULL) AS n`,
        );
        return Number(rows[0].n);
      },
      { until: (n) => n === 0, what: 'every outbox to be published' },
    );
    const { rows } = await db.query<{ name: string }>('SELECT current_database() AS name');
    const name = rows[0].name;
    expect(name).toMatch(/^[a-z_]*test[a-z_]*$/);
    const before = await stored();
    // Only this run's database is closed, from the server's maintenance database; others run beside.
    const adminUrl = new URL(process.env.DATABASE_URL as string);
    adminUrl.pathname = '/postgres';
    const admin = new Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      const answers = [
        await api().get('/api/v1/referrals/inbox').set(auth('cp-drammen-bolig-1')),
        await api().get(`/api/v1/referrals/${referralId}`).set(auth('cp-drammen-bolig-1')),
        await api().post('/api/v1/consents').set(auth(CONSULTANT)).send(aConsent()),
        await api().get('/api/v1/directory/organisations').set(auth('coord-drammen')),
        await api().get('/api/v1/deadlines').set(auth('coord-drammen')),
      ];
      for (const res of answers) {
        expectProblem(res, 503, { code: 'SERVICE.UNAVAILABLE' });
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
      }
      for (const base of Object.values(hub.services)) {
        const started = Date.now();
        const res = await request(base).get('/health');
        expect(Date.now() - started).toBeLessThan(3_500);
        expectProblem(res, 503, {});
      }
    } finally {
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    // The test's own session was ended with the rest.
    await db.end().catch(() => undefined);
    db = await connect();
    expect(await stored()).toEqual(before);
    for (const base of Object.values(hub.services)) {
      await eventually(() => request(base).get('/health').expect(200), { what: `${base} to be ready again` });
    }
    await api().get('/api/v1/referrals/inbox').set(auth('cp-drammen-bolig-1')).expect(200);
  });
});
