import request from 'supertest';
import { Client } from 'pg';
import { ALL_TOPICS } from '@overgang/contracts';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aConsent,
  aNationalId,
  aReleaseNotice,
  BAERUM,
  DRAMMEN,
  eventually,
  tokenFor,
  TopicRecorder,
  VERDAL,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });

describe('release notice, end to end on real Kafka and PostgreSQL', () => {
  let hub: Hub;
  let recorder: TopicRecorder;
  let db: Client;
  const personalData: string[] = [];

  beforeAll(async () => {
    hub = await startHub();
    recorder = new TopicRecorder((process.env.KAFKA_BROKERS as string).split(','), ALL_TOPICS);
    await recorder.start();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await recorder?.stop();
    await db?.end();
    await hub?.stop();
  });

  async function registerConsent(user: string, body: Record<string, unknown>): Promise<string> {
    const res = await request(hub.gateway).post('/api/v1/consents').set(auth(user)).send(body).expect(201);
    return res.body.id;
  }

  function submit(body: Record<string, unknown>, user = 'consultant-drammen-fengsel') {
    personalData.push(String(body.nationalId), String(body.name));
    return request(hub.gateway).post('/api/v1/referrals/release-notices').set(auth(user)).send(body);
  }

  async function inboxItem(user: string, referralId: string) {
    return eventually(
      async () => {
        const res = await request(hub.gateway).get('/api/v1/referrals/inbox').set(auth(user)).expect(200);
        return res.body.items.find((i: { id: string }) => i.id === referralId);
      },
      {
        until: (item) => item?.deadline?.status !== undefined,
        what: `referral in ${user}'s inbox with its deadline`,
      },
    );
  }

  async function counts() {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM referral.referral) AS referrals, (SELECT count(*)::int FROM referral.outbox) AS outbox`,
    );
    return rows[0] as { referrals: number; outbox: number };
  }

  it('routes a consented release notice to the named contact persons, and a NAV acknowledgement meets its clock', async () => {
    const nationalId = aNationalId();
    const consentId = await registerConsent('consultant-drammen-fengsel', aConsent({ nationalId }));
    const submitted = await submit(aReleaseNotice({ nationalId, consentId, name: 'Kari Løslatt' })).expect(
      201,
    );
    const id: string = submitted.body.id;

    const housing = await inboxItem('cp-drammen-bolig-1', id);
    expect(housing).toMatchObject({
      type: 'release-notice',
      status: 'delivered',
      unitId: 'drammen-boligtjenesten',
      holder: { contactPersonId: 'cp-drammen-bolig-1', assignment: 'primary', heldByMe: true },
      deadline: { status: 'open' },
    });
    // The holder sees whom it is about (name and birth year), never the national ID in a list.
    expect(housing.person).toEqual({ name: 'Kari Løslatt', birthYear: expect.any(Number) });
    expect(JSON.stringify(housing)).not.toContain(nationalId);
    const nav = await inboxItem('cp-nav-drammen-1', id);
    expect(nav.holder).toMatchObject({ contactPersonId: 'cp-nav-drammen-1', assignment: 'primary' });
    // NAV's clock: acknowledge within 2 working days of receiving it (a weekend or holiday does not count).
    const reached = osloDate(new Date(nav.receivedAt));
    expect(nav.deadline.kind).toBe('acknowledge');
    expect(osloDate(new Date(nav.deadline.dueAt)) >= addCalendarDays(reached, 2)).toBe(true);
    expect(osloDate(new Date(nav.deadline.dueAt)) <= addCalendarDays(reached, 6)).toBe(true);

    const routed = await eventually(() => recorder.envelopes('routing.referral-routed.v1', id), {
      until: (e) => e.length === 1,
    });
    expect(routed[0].payload.recipients).toEqual([
      expect.objectContaining({
        organisationNumber: DRAMMEN.housing,
        contactPersonId: 'cp-drammen-bolig-1',
        reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
      }),
      expect.objectContaining({
        organisationNumber: DRAMMEN.nav,
        contactPersonId: 'cp-nav-drammen-1',
        reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
      }),
    ]);

    const ack = await request(hub.gateway)
      .post(`/api/v1/referrals/${id}/acknowledge`)
      .set(auth('cp-nav-drammen-1'))
      .expect(200);
    expect(ack.body).toEqual({ status: 'delivered', unitId: 'nav-drammen-sosial' });
    await request(hub.gateway)
      .post(`/api/v1/referrals/${id}/acknowledge`)
      .set(auth('cp-nav-drammen-1'))
      .expect(409);

    const met = await eventually(
      async () =>
        (
          await request(hub.gateway)
            .get('/api/v1/deadlines?status=met')
            .set(auth('coord-nav-drammen'))
            .expect(200)
        ).body.items,
      {
        until: (items: Array<{ referralId: string }>) => items.some((c) => c.referralId === id),
        what: 'the NAV clock met',
      },
    );
    expect(met.filter((c: { referralId: string }) => c.referralId === id)).toEqual([
      expect.objectContaining({
        recipientUnitId: 'nav-drammen-sosial',
        holderContactPersonId: 'cp-nav-drammen-1',
        status: 'met',
      }),
    ]);
    // The housing service's clocks (acknowledge, and the housing outcome before the release date) still run.
    const open = await request(hub.gateway)
      .get(`/api/v1/deadlines?status=open&referralId=${id}`)
      .set(auth('coord-drammen'))
      .expect(200);
    expect(open.body.items).toEqual([
      expect.objectContaining({
        recipientUnitId: 'drammen-boligtjenesten',
        kind: 'acknowledge',
        status: 'open',
      }),
      expect.objectContaining({
        recipientUnitId: 'drammen-boligtjenesten',
        kind: 'housing-outcome',
        status: 'open',
      }),
    ]);

    const details = await eventually(
      async () =>
        (await request(hub.gateway).get(`/api/v1/referrals/${id}`).set(auth('cp-nav-drammen-1')).expect(200))
          .body,
      {
        until: (d) =>
          d.recipients.find((r: { unitId: string }) => r.unitId === 'nav-drammen-sosial')?.deadline
            ?.status === 'met',
      },
    );
    expect(details.person).toEqual({ nationalId, name: 'Kari Løslatt' });
    expect(
      details.recipients.map((r: { unitId: string; acknowledgedBy: string | null }) => [
        r.unitId,
        r.acknowledgedBy,
      ]),
    ).toEqual([
      ['drammen-boligtjenesten', null],
      ['nav-drammen-sosial', 'cp-nav-drammen-1'],
    ]);

    const log = await request(hub.gateway)
      .get(`/api/v1/access-log?referralId=${id}`)
      .set(auth('coord-nav-drammen'))
      .expect(200);
    expect(
      log.body.items.map((e: { userId: string; action: string }) => [e.userId, e.action]),
    ).toContainEqual(['cp-nav-drammen-1', 'read-details']);
    const history = await request(hub.gateway)
      .get(`/api/v1/referrals/${id}/history`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual([
      'submitted',
      'routed',
      'acknowledged',
    ]);
  });

  it('gives the referral to the backup when the primary is registered absent', async () => {
    const today = osloDate(new Date());
    await request(hub.gateway)
      .post('/api/v1/directory/contact-persons/cp-verdal-bolig-1/absences')
      .set(auth('coord-drammen'))
      .send({ from: today, to: addCalendarDays(today, 7), reason: 'holiday' })
      .expect(403);
    await request(hub.gateway)
      .post('/api/v1/directory/contact-persons/cp-verdal-bolig-1/absences')
      .set(auth('coord-verdal'))
      .send({ from: today, to: addCalendarDays(today, 7), reason: 'holiday' })
      .expect(201);

    const nationalId = aNationalId();
    const consentId = await registerConsent(
      'consultant-trondheim-fengsel',
      aConsent({ nationalId, receivingOrganisationNumbers: [VERDAL.housing, VERDAL.nav] }),
    );
    const res = await submit(
      aReleaseNotice({ nationalId, consentId, municipalityNumber: VERDAL.municipalityNumber }),
      'consultant-trondheim-fengsel',
    ).expect(201);
    const item = await inboxItem('cp-verdal-bolig-2', res.body.id);
    expect(item.holder).toMatchObject({
      contactPersonId: 'cp-verdal-bolig-2',
      assignment: 'backup',
      heldByMe: true,
    });
    const details = await request(hub.gateway)
      .get(`/api/v1/referrals/${res.body.id}`)
      .set(auth('cp-verdal-bolig-2'))
      .expect(200);
    const housing = details.body.recipients.find(
      (r: { unitId: string }) => r.unitId === 'verdal-boligtjenesten',
    );
    expect(housing.holder.reasonCode).toBe('ROUTING.PRIMARY_ABSENT');
    expect(housing.holder.reason).toContain(`absent until ${addCalendarDays(today, 7)}`);
  });

  it('refuses a bad national ID and a consent that is missing, for another person or not covering NAV — storing and publishing nothing', async () => {
    const before = await counts();
    const submittedBefore = recorder.envelopes('referral.submitted.v1').length;

    const badId = await submit(aReleaseNotice({ nationalId: '12345678901' })).expect(400);
    expect(badId.headers['content-type']).toContain('application/problem+json');
    expect(badId.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect(badId.body.errors).toEqual([
      expect.objectContaining({ field: 'nationalId', rule: 'isNorwegianNationalId' }),
    ]);
    expect(JSON.stringify(badId.body)).not.toContain('12345678901');

    const missing = await submit(
      aReleaseNotice({ consentId: '6f9619ff-8b86-4d11-b42d-00c04fc964ff' }),
    ).expect(422);
    expect(missing.body).toMatchObject({ code: 'REFERRAL.CONSENT_MISSING', field: 'consentId' });

    const someoneElse = await registerConsent('consultant-drammen-fengsel', aConsent());
    const other = await submit(aReleaseNotice({ consentId: someoneElse })).expect(422);
    expect(other.body.code).toBe('REFERRAL.CONSENT_OTHER_PERSON');

    const nationalId = aNationalId();
    const housingOnly = await registerConsent(
      'consultant-drammen-fengsel',
      aConsent({ nationalId, receivingOrganisationNumbers: [DRAMMEN.housing] }),
    );
    const notNav = await submit(aReleaseNotice({ nationalId, consentId: housingOnly })).expect(422);
    expect(notNav.body).toMatchObject({
      code: 'REFERRAL.CONSENT_RECIPIENTS',
      missingOrganisationNumbers: [DRAMMEN.nav],
    });

    const wrongRole = await request(hub.gateway)
      .post('/api/v1/referrals/release-notices')
      .set(auth('cp-drammen-bolig-1'))
      .send(aReleaseNotice({ nationalId, consentId: housingOnly }))
      .expect(403);
    expect(wrongRole.body.code).toBe('AUTH.ROLE_REQUIRED');

    // The consents were stored; no referral, and no referral event, was.
    const after = await counts();
    expect(after.referrals).toBe(before.referrals);
    expect(after.outbox - before.outbox).toBe(2); // the two consent.registered.v1 events
    // A good submission after the refusals is the only new referral.submitted.v1 on the topic.
    const goodId = aNationalId();
    const good = await submit(
      aReleaseNotice({
        nationalId: goodId,
        consentId: await registerConsent('consultant-drammen-fengsel', aConsent({ nationalId: goodId })),
      }),
    ).expect(201);
    await eventually(() => recorder.envelopes('referral.submitted.v1', good.body.id), {
      until: (e) => e.length === 1,
    });
    expect(recorder.envelopes('referral.submitted.v1').length).toBe(submittedBefore + 1);
  });

  it('answers 404 to a caseworker of another organisation, and 401 without a token', async () => {
    const nationalId = aNationalId();
    const consentId = await registerConsent('consultant-drammen-fengsel', aConsent({ nationalId }));
    const { body } = await submit(aReleaseNotice({ nationalId, consentId })).expect(201);
    await inboxItem('cp-drammen-bolig-1', body.id);

    const outsider = await request(hub.gateway)
      .get(`/api/v1/referrals/${body.id}`)
      .set(auth('cp-nav-baerum-1'))
      .expect(404);
    expect(outsider.body).toMatchObject({ status: 404, code: 'REFERRAL.NOT_FOUND' });
    await request(hub.gateway).get(`/api/v1/referrals/${body.id}`).set(auth('coord-nav-baerum')).expect(404);
    await request(hub.gateway)
      .post(`/api/v1/referrals/${body.id}/acknowledge`)
      .set(auth('cp-nav-baerum-1'))
      .expect(404);
    const inbox = await request(hub.gateway)
      .get('/api/v1/referrals/inbox')
      .set(auth('cp-nav-baerum-1'))
      .expect(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).not.toContain(body.id);
    const bad = await request(hub.gateway).get('/api/v1/deadlines').set(auth('coord-nav-baerum')).expect(200);
    expect(
      bad.body.items.every(
        (c: { recipientOrganisationNumber: string }) => c.recipientOrganisationNumber === BAERUM.nav,
      ),
    ).toBe(true);

    const anonymous = await request(hub.gateway).get(`/api/v1/referrals/${body.id}`).expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });

  it('publishes no national ID, name or referral details on any topic', () => {
    expect(recorder.messages.length).toBeGreaterThan(10);
    const types = new Set(recorder.messages.map((m) => m.topic));
    for (const t of [
      'referral.submitted.v1',
      'routing.referral-routed.v1',
      'deadline.opened.v1',
      'deadline.met.v1',
      'consent.registered.v1',
    ]) {
      expect(types).toContain(t);
    }
    for (const m of recorder.messages) {
      const text = `${m.key ?? ''} ${m.value ?? ''} ${JSON.stringify(m.headers)}`;
      expect(text).not.toMatch(/\b\d{11}\b/);
      // Referral details as JSON values (a unit kind such as follow-up-substance-use is a directory fact).
      for (const secret of [
        ...personalData,
        '"substance-use"',
        '"mental-health"',
        'Senter for rusforebygging',
        '"no-home"',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
