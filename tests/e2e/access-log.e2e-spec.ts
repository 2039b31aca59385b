import { randomUUID } from 'crypto';
import request from 'supertest';
import { ACCESS_RECORDED_V1 } from '@overgang/contracts';
import {
  aConsent,
  aNationalId,
  aReleaseNotice,
  BAERUM,
  DRAMMEN,
  eventually,
  tokenFor,
  TopicRecorder,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const PRISON = '100000008';

interface Entry {
  at: string;
  userId: string;
  organisationNumber: string;
  roles: string[];
  purpose: string;
  action: string;
  objectType: string;
  objectId: string;
  referralId: string | null;
  consentId: string | null;
  outcome: string;
  correlationId: string | null;
  source: string;
}

interface Page {
  items: Entry[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** A correlation id of one request, to find exactly its entry. */
const correlationOf = (what: string) => `e2e-${what}-${randomUUID()}`;

describe('the access log: every read and refusal, queryable by referral, person, user and time', () => {
  let hub: Hub;
  let recorder: TopicRecorder;
  const api = () => request(hub.gateway);
  const as = (user: string, correlation = correlationOf('request')) => ({
    Authorization: `Bearer ${tokenFor(user)}`,
    'x-correlation-id': correlation,
  });

  let nationalId: string;
  let consentId: string;
  let referralId: string;
  let suiteStart: string;

  async function search(user: string, query: string): Promise<Page> {
    return (await api().get(`/api/v1/access-log?${query}`).set(as(user)).expect(200)).body as Page;
  }

  async function personSearch(user: string, body: Record<string, unknown>): Promise<Page> {
    return (await api().post('/api/v1/access-log/person-search').set(as(user)).send(body).expect(200))
      .body as Page;
  }

  /** The one entry of a request, once it is in the log (reads elsewhere arrive over Kafka). */
  async function entryOf(correlationId: string, query = 'pageSize=200'): Promise<Entry> {
    return eventually(
      async () => {
        const found = (await search('security-hub', query)).items.filter(
          (e) => e.correlationId === correlationId,
        );
        return found;
      },
      { until: (found) => found.length === 1, what: `the access-log entry of ${correlationId}` },
    ).then((found) => found[0]);
  }

  beforeAll(async () => {
    suiteStart = new Date().toISOString();
    hub = await startHub();
    recorder = new TopicRecorder((process.env.KAFKA_BROKERS as string).split(','), [ACCESS_RECORDED_V1]);
    await recorder.start();
    nationalId = aNationalId();
    consentId = (
      await api()
        .post('/api/v1/consents')
        .set(as('consultant-drammen-fengsel'))
        .send(aConsent({ nationalId }))
        .expect(201)
    ).body.id;
    referralId = (
      await api()
        .post('/api/v1/referrals/release-notices')
        .set(as('consultant-drammen-fengsel'))
        .send(aReleaseNotice({ nationalId, consentId, name: 'Tilgang Loggsen' }))
        .expect(201)
    ).body.id;
    await eventually(
      async () =>
        (await api().get('/api/v1/referrals/inbox').set(as('cp-nav-drammen-1')).expect(200)).body.items,
      { until: (items: Array<{ id: string }>) => items.some((i) => i.id === referralId), what: 'routing' },
    );
  });

  afterAll(async () => {
    await recorder?.stop();
    await hub?.stop();
  });

  it('logs a read of the details with user, organisation, roles, purpose, object, time, outcome and correlation id', async () => {
    const correlation = correlationOf('details');
    const before = Date.now();
    await api().get(`/api/v1/referrals/${referralId}`).set(as('cp-nav-drammen-1', correlation)).expect(200);
    const after = Date.now();
    const entry = await entryOf(correlation, `referralId=${referralId}`);
    expect(entry).toEqual({
      at: expect.any(String),
      userId: 'cp-nav-drammen-1',
      organisationNumber: DRAMMEN.nav,
      roles: ['nav-caseworker'],
      purpose: 'case-handling',
      action: 'read-details',
      objectType: 'referral',
      objectId: referralId,
      referralId,
      consentId: null,
      outcome: 'granted',
      correlationId: correlation,
      source: 'referral-service',
    });
    // The database's clock: within the request, give or take the two clocks' skew.
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(entry.at)).toBeLessThanOrEqual(after + 1000);
  });

  it('logs a foreign caseworker guessing the referral id as refused, though the answer is 404', async () => {
    const correlation = correlationOf('guess');
    await api().get(`/api/v1/referrals/${referralId}`).set(as('cp-nav-baerum-1', correlation)).expect(404);
    const entry = await entryOf(correlation, `referralId=${referralId}`);
    expect(entry).toMatchObject({
      userId: 'cp-nav-baerum-1',
      organisationNumber: BAERUM.nav,
      action: 'read-details',
      objectType: 'referral',
      referralId,
      outcome: 'refused-not-found',
    });
    // The referral's own security officer sees the guess at their referral.
    const theirs = await search('security-nav-drammen', `referralId=${referralId}`);
    expect(theirs.items.map((e) => e.correlationId)).toContain(correlation);

    // A guess at an id that does not exist is logged too: seen by the hub, not by Drammen.
    const nowhere = randomUUID();
    const miss = correlationOf('miss');
    await api().get(`/api/v1/referrals/${nowhere}/history`).set(as('cp-nav-baerum-1', miss)).expect(404);
    expect(await entryOf(miss, `referralId=${nowhere}`)).toMatchObject({
      action: 'read-history',
      outcome: 'refused-not-found',
    });
    expect((await search('security-drammen', `referralId=${nowhere}`)).items).toEqual([]);
  });

  it('logs a consent read, a routing explanation, a deadlines list and a directory export', async () => {
    const consentRead = correlationOf('consent');
    await api()
      .get(`/api/v1/consents/${consentId}`)
      .set(as('consultant-drammen-fengsel', consentRead))
      .expect(200);
    expect(await entryOf(consentRead)).toMatchObject({
      userId: 'consultant-drammen-fengsel',
      organisationNumber: PRISON,
      objectType: 'consent',
      objectId: consentId,
      consentId,
      outcome: 'granted',
      source: 'referral-service',
    });

    const routing = correlationOf('routing');
    await api()
      .get(`/api/v1/referrals/${referralId}/routing`)
      .set(as('coord-nav-drammen', routing))
      .expect(200);
    expect(await entryOf(routing, `referralId=${referralId}`)).toMatchObject({
      userId: 'coord-nav-drammen',
      roles: ['coordinator', 'nav-caseworker'],
      action: 'read-routing-explanation',
      objectType: 'routing-explanation',
      referralId,
      outcome: 'granted',
      source: 'routing-service',
    });

    const deadlines = correlationOf('deadlines');
    await api()
      .get(`/api/v1/deadlines?referralId=${referralId}`)
      .set(as('coord-drammen', deadlines))
      .expect(200);
    expect(await entryOf(deadlines, `referralId=${referralId}`)).toMatchObject({
      userId: 'coord-drammen',
      organisationNumber: DRAMMEN.housing,
      action: 'list-deadlines',
      objectType: 'deadlines',
      outcome: 'granted',
      source: 'deadline-service',
    });

    const exported = correlationOf('export');
    await api().get('/api/v1/directory/export.csv').set(as('coord-drammen', exported)).expect(200);
    expect(await entryOf(exported, 'userId=coord-drammen')).toMatchObject({
      purpose: 'export',
      action: 'export-directory-csv',
      objectType: 'directory-export',
      objectId: DRAMMEN.housing,
      referralId: null,
      source: 'routing-service',
    });
    // Drammen's security officer sees the export of their own staff.
    const drammen = await search('security-drammen', 'userId=coord-drammen&pageSize=200');
    expect(drammen.items.map((e) => e.correlationId)).toContain(exported);

    // Ids only on the topic: no national ID, no name.
    const published = await eventually(
      () => recorder.messages.map((m) => `${m.key} ${m.value} ${JSON.stringify(m.headers)}`).join('\n'),
      { until: (text) => text.includes(exported) && text.includes(routing) },
    );
    expect(published).not.toMatch(/\b\d{11}\b/);
    expect(published).not.toContain('Tilgang Loggsen');
  });

  it('answers by person from the body: every read of their referral and consent, and nothing else', async () => {
    const details = correlationOf('person-details');
    await api().get(`/api/v1/referrals/${referralId}`).set(as('cp-drammen-bolig-1', details)).expect(200);
    const other = correlationOf('other-person');
    const otherConsent = (
      await api().post('/api/v1/consents').set(as('consultant-drammen-fengsel')).send(aConsent()).expect(201)
    ).body.id;
    await api()
      .get(`/api/v1/consents/${otherConsent}`)
      .set(as('consultant-drammen-fengsel', other))
      .expect(200);
    await entryOf(other);

    const page = await personSearch('security-hub', { nationalId, pageSize: 200 });
    const ids = page.items.map((e) => e.correlationId);
    expect(ids).toContain(details);
    expect(page.items.some((e) => e.objectType === 'consent' && e.consentId === consentId)).toBe(true);
    expect(page.items.some((e) => e.outcome === 'refused-not-found')).toBe(true);
    expect(page.items.some((e) => e.source === 'routing-service')).toBe(true);
    expect(ids).not.toContain(other);
    // Newest first.
    const times = page.items.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // A person with no records has an empty log, not an error.
    expect((await personSearch('security-hub', { nationalId: aNationalId() })).items).toEqual([]);
  });

  it('answers by user and by time window, a page at a time', async () => {
    const from = new Date().toISOString();
    const inside = correlationOf('window');
    await api()
      .get(`/api/v1/referrals/${referralId}/history`)
      .set(as('cp-nav-drammen-2', inside))
      .expect(200);
    await entryOf(inside, 'userId=cp-nav-drammen-2');
    const to = new Date(Date.now() + 1).toISOString();
    const later = correlationOf('after-window');
    await eventually(() => new Date().toISOString() > to, { until: (passed) => passed });
    await api().get(`/api/v1/referrals/${referralId}`).set(as('cp-nav-drammen-2', later)).expect(200);
    await entryOf(later, 'userId=cp-nav-drammen-2');

    const windowed = await search(
      'security-hub',
      `userId=cp-nav-drammen-2&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect(windowed.items.map((e) => e.correlationId)).toEqual([inside]);
    const mine = `userId=cp-nav-drammen-2&from=${encodeURIComponent(suiteStart)}`;
    const byUser = await search('security-hub', mine);
    expect(byUser.items.map((e) => e.correlationId)).toEqual([later, inside]);
    const first = await search('security-hub', `${mine}&pageSize=1`);
    expect(first).toMatchObject({ page: 1, pageSize: 1, hasMore: true });
    expect(first.items.map((e) => e.correlationId)).toEqual([later]);
    const second = await search('security-hub', `${mine}&pageSize=1&page=2`);
    expect(second.items.map((e) => e.correlationId)).toEqual([inside]);
    expect(second.hasMore).toBe(false);
  });

  it('shows another organisation’s security officer only what concerns their own organisation', async () => {
    const read = correlationOf('drammen-read');
    await api().get(`/api/v1/referrals/${referralId}`).set(as('cp-nav-drammen-1', read)).expect(200);
    await entryOf(read, `referralId=${referralId}`);
    expect(
      (await search('security-nav-drammen', `referralId=${referralId}`)).items.map((e) => e.correlationId),
    ).toContain(read);

    // Bærum kommune's own caseworker guesses the id: that, Bærum's security officer sees.
    const guess = correlationOf('baerum-guess');
    await api().get(`/api/v1/referrals/${referralId}`).set(as('cp-baerum-bolig-1', guess)).expect(404);
    await entryOf(guess, `referralId=${referralId}`);

    // Their own searches of the log are in it too (purpose security-audit); the reads are Bærum's only.
    const reads = (p: Page) =>
      p.items.filter((e) => e.purpose !== 'security-audit').map((e) => e.correlationId);
    const baerum = await search('security-baerum', `referralId=${referralId}&pageSize=200`);
    expect(reads(baerum)).toEqual([guess]);
    const baerumByPerson = await personSearch('security-baerum', { nationalId, pageSize: 200 });
    expect(reads(baerumByPerson)).toEqual([guess]);
    expect(baerumByPerson.items.every((e) => e.organisationNumber === BAERUM.housing)).toBe(true);
  });

  it('refuses caseworkers, keeps coordinators to one referral, and logs every search of the log', async () => {
    const caseworker = await api()
      .get(`/api/v1/access-log?referralId=${referralId}`)
      .set(as('cp-nav-drammen-1'))
      .expect(403);
    expect(caseworker.headers['content-type']).toContain('application/problem+json');
    await api()
      .post('/api/v1/access-log/person-search')
      .set(as('cp-nav-drammen-1'))
      .send({ nationalId })
      .expect(403);
    await api()
      .post('/api/v1/access-log/person-search')
      .set(as('coord-nav-drammen'))
      .send({ nationalId })
      .expect(403);
    const everything = await api()
      .get('/api/v1/access-log')
      .set(as('coord-nav-drammen'))
      .set('Accept-Language', 'nb')
      .expect(403);
    expect(everything.body).toMatchObject({ code: 'ACCESS_LOG.REFERRAL_REQUIRED' });
    expect(everything.body.detail).toContain('koordinator');
    await api().get(`/api/v1/access-log?referralId=${referralId}`).set(as('coord-nav-drammen')).expect(200);
    // A coordinator of an organisation that is no party gets the referral's 404, logged as a guess.
    const guess = correlationOf('coordinator-guess');
    await api()
      .get(`/api/v1/access-log?referralId=${referralId}`)
      .set(as('coord-nav-baerum', guess))
      .expect(404);
    expect(await entryOf(guess, `referralId=${referralId}`)).toMatchObject({
      objectType: 'access-log',
      outcome: 'refused-not-found',
    });

    const audit = correlationOf('audit');
    await api()
      .post('/api/v1/access-log/person-search')
      .set(as('security-drammen', audit))
      .send({ nationalId })
      .expect(200);
    expect(await entryOf(audit, 'userId=security-drammen')).toMatchObject({
      purpose: 'security-audit',
      action: 'search-access-log-by-person',
      objectType: 'access-log',
      roles: ['security-officer'],
    });
    // The person's own log shows that a security officer looked.
    const own = await personSearch('security-hub', { nationalId, pageSize: 200 });
    expect(own.items.map((e) => e.correlationId)).toContain(audit);
  });

  it('refuses a bad search in plain Norwegian, and never takes a national ID in the URL', async () => {
    const big = await api()
      .get('/api/v1/access-log?pageSize=1000')
      .set(as('security-hub'))
      .set('Accept-Language', 'nb')
      .expect(400);
    expect(big.body.errors).toEqual([expect.objectContaining({ field: 'pageSize' })]);
    expect(big.body.errors[0].message).toContain('høyst');
    const backwards = await api()
      .get('/api/v1/access-log?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')
      .set(as('security-hub'))
      .expect(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    await api().get(`/api/v1/access-log?nationalId=${nationalId}`).set(as('security-hub')).expect(400);
    const badId = await api()
      .post('/api/v1/access-log/person-search')
      .set(as('security-hub'))
      .send({ nationalId: '12345678901' })
      .expect(400);
    expect(JSON.stringify(badId.body)).not.toContain('12345678901');
  });
});
