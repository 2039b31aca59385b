import { randomUUID } from 'crypto';
import request from 'supertest';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { Client } from 'pg';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aConsent,
  aNationalId,
  aReleaseNotice,
  DRAMMEN,
  eventually,
  tokenForClaims,
  tokenFor,
  TopicRecorder,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const today = () => osloDate(new Date());
/** Hole (3310) joins the hub in this suite only: a housing service with a contact person, no NAV office yet. */
const HOLE = { municipalityNumber: '3310', housing: '100000210', unit: 'hole-boligtjenesten' };
/** Øvre Eiker (3314) is a real municipality the directory knows nothing about. */
const OVRE_EIKER = '3314';
const CONSULTANT = 'consultant-drammen-fengsel';
const ROUTED = 'routing.referral-routed.v1';
const UNROUTABLE = 'routing.referral-unroutable.v1';
const SUBMITTED = 'referral.submitted.v1';
const hole = (sub: string, roles: string[]) => ({
  Authorization: `Bearer ${tokenForClaims({ sub, org: HOLE.housing, unit: HOLE.unit, roles: roles as never })}`,
});

type Envelope = { id: string; type: string; key: string; payload: Record<string, unknown> };
type QueueItem = {
  referralId: string;
  unitKind: string;
  partial: boolean;
  anchorDate: string | null;
  reasonCode: string;
  reason: string;
  fix: { action: string; text: string };
  parkedAt: string;
  ageWorkingDays: number;
  dueOn: string;
  overdue: boolean;
};

describe('parking what the directory cannot route, end to end', () => {
  let hub: Hub;
  let recorder: TopicRecorder;
  let producer: Producer;
  let db: Client;
  const api = () => request(hub.gateway);

  beforeAll(async () => {
    hub = await startHub();
    const brokers = (process.env.KAFKA_BROKERS as string).split(',');
    recorder = new TopicRecorder(brokers, [ROUTED, UNROUTABLE, SUBMITTED]);
    await recorder.start();
    producer = new Kafka({ clientId: 'e2e-parking', brokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();

    const admin = auth('hub-admin');
    await api()
      .post('/api/v1/directory/organisations')
      .set(admin)
      .send({
        organisationNumber: HOLE.housing,
        name: 'Hole kommune',
        type: 'municipality',
        municipalityNumber: HOLE.municipalityNumber,
      })
      .expect(201);
    await api()
      .post('/api/v1/directory/units')
      .set(admin)
      .send({
        id: HOLE.unit,
        organisationNumber: HOLE.housing,
        name: 'Boligtjenesten, Hole kommune',
        kind: 'housing-service',
        receives: ['release-notice'],
        mode: 'primary-backup',
      })
      .expect(201);
    await api()
      .post('/api/v1/directory/contact-persons')
      .set(admin)
      .send({
        id: 'cp-hole-bolig-1',
        unitId: HOLE.unit,
        name: 'Hole Eksempel',
        email: 'cp-hole-bolig-1@demo.overgang.invalid',
        phone: '+47 400 40 010',
        role: 'primary',
        referralTypes: ['release-notice'],
      })
      .expect(201);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await recorder?.stop();
    await db?.end();
    await hub?.stop();
  });

  async function releaseNotice(municipalityNumber: string, receivers: string[], expectedReleaseDate: string) {
    const nationalId = aNationalId();
    const consentId = (
      await api()
        .post('/api/v1/consents')
        .set(auth(CONSULTANT))
        .send(aConsent({ nationalId, receivingOrganisationNumbers: receivers }))
        .expect(201)
    ).body.id as string;
    const res = await api()
      .post('/api/v1/referrals/release-notices')
      .set(auth(CONSULTANT))
      .send(aReleaseNotice({ nationalId, consentId, municipalityNumber, expectedReleaseDate }))
      .expect(201);
    return res.body.id as string;
  }

  async function queued(id: string, until: (items: QueueItem[]) => boolean = (i) => i.length > 0) {
    return eventually(
      async () =>
        (
          (await api().get('/api/v1/directory/unroutable').set(auth('hub-admin')).expect(200)).body
            .items as QueueItem[]
        ).filter((i) => i.referralId === id),
      { until, what: `referral ${id} in the hub’s queue` },
    );
  }

  const routedEvents = (id: string) => recorder.envelopes(ROUTED, id);

  /** Waits until the routing service has handled (or skipped) a message. */
  async function handledByRouting(messageId: string): Promise<void> {
    await eventually(
      async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM routing.processed_message WHERE message_id = $1`, [
            messageId,
          ])
        ).rows[0].n as number,
      { until: (n) => n === 1, what: `message ${messageId} handled by the routing service` },
    );
  }

  async function resend(e: Envelope, { sameId = false } = {}): Promise<string> {
    const id = sameId ? e.id : randomUUID();
    await producer.send({ topic: e.type, messages: [{ key: e.key, value: JSON.stringify({ ...e, id }) }] });
    return id;
  }

  it('routes the housing part at once, parks the NAV part with its age, and routes only NAV once coverage is added', async () => {
    const release = addCalendarDays(today(), 25);
    const id = await releaseNotice(HOLE.municipalityNumber, [HOLE.housing, DRAMMEN.nav], release);

    // The housing service has it at once: in the contact person's inbox, with its clocks open.
    const inbox = await eventually(
      async () =>
        (
          await api()
            .get('/api/v1/referrals/inbox')
            .set(hole('cp-hole-bolig-1', ['housing-caseworker']))
        ).body.items as Array<{ id: string; holder: { heldByMe: boolean } }> | undefined,
      { until: (items) => !!items?.some((i) => i.id === id), what: 'the referral in Hole’s inbox' },
    );
    expect(inbox?.find((i) => i.id === id)?.holder.heldByMe).toBe(true);
    const clocks = await eventually(
      async () =>
        (
          await api()
            .get(`/api/v1/deadlines?referralId=${id}`)
            .set(hole('coord-hole', ['coordinator', 'housing-caseworker']))
            .expect(200)
        ).body.items as Array<{ recipientUnitId: string; status: string }>,
      { until: (c) => c.length > 0, what: 'Hole’s clocks' },
    );
    expect(new Set(clocks.map((c) => c.recipientUnitId))).toEqual(new Set([HOLE.unit]));

    // The NAV part waits with the hub's coordinators, with why, how old, when due and what fixes it.
    const [nav] = await queued(id);
    expect(nav).toMatchObject({
      unitKind: 'nav-social-services',
      partial: true,
      anchorDate: release,
      reasonCode: 'ROUTING.NO_NAV_OFFICE',
      fix: { action: 'set-nav-coverage' },
      ageWorkingDays: 0,
      overdue: false,
    });
    expect(nav.dueOn > today()).toBe(true);
    expect(new Date(nav.parkedAt).getTime()).toBeLessThanOrEqual(Date.now());

    // The sender sees it delivered, and the parked part with its reason.
    const seen = await eventually(
      async () => (await api().get(`/api/v1/referrals/${id}`).set(auth(CONSULTANT)).expect(200)).body,
      { until: (d) => d.routingProblem !== null, what: 'the parked part on the referral' },
    );
    expect(seen).toMatchObject({ status: 'delivered', routingProblem: { code: 'ROUTING.NO_NAV_OFFICE' } });
    const routing = await api().get(`/api/v1/referrals/${id}/routing`).set(auth(CONSULTANT)).expect(200);
    expect(routing.body).toMatchObject({
      status: 'partly-routed',
      parked: [{ unitKind: 'nav-social-services', reasonCode: 'ROUTING.NO_NAV_OFFICE' }],
    });
    expect(routing.body.decisions.map((d: { unitId: string }) => d.unitId)).toEqual([HOLE.unit]);
    expect(recorder.envelopes(UNROUTABLE, id).map((e) => e.payload)).toEqual([
      expect.objectContaining({ unitKinds: ['nav-social-services'], partial: true }),
    ]);

    // The fix: NAV Drammen serves Hole. Only the NAV part is routed; the housing holder is untouched.
    await api()
      .put(`/api/v1/directory/nav-coverage/${HOLE.municipalityNumber}`)
      .set(auth('hub-admin'))
      .send({ navOrganisationNumber: DRAMMEN.nav })
      .expect(200);
    await eventually(() => Promise.resolve(routedEvents(id)), {
      until: (e) => e.length === 2,
      what: 'the NAV part routed',
    });
    const [first, second] = routedEvents(id).map((e) =>
      (e.payload.recipients as Array<{ unitId: string }>).map((r) => r.unitId),
    );
    expect(first).toEqual([HOLE.unit]);
    expect(second).toEqual(['nav-drammen-sosial']);
    await eventually(
      async () =>
        (await api().get('/api/v1/referrals/inbox').set(auth('cp-nav-drammen-1')).expect(200)).body
          .items as Array<{ id: string }>,
      { until: (items) => items.some((i) => i.id === id), what: 'the referral in NAV Drammen’s inbox' },
    );
    const after = await eventually(
      async () => (await api().get(`/api/v1/referrals/${id}`).set(auth(CONSULTANT)).expect(200)).body,
      {
        until: (d) => d.routingProblem === null && d.recipients.length === 2,
        what: 'both recipients on the referral',
      },
    );
    expect(
      after.recipients.find((r: { unitId: string }) => r.unitId === HOLE.unit).holder.contactPersonId,
    ).toBe('cp-hole-bolig-1');
    const navClocks = await eventually(
      async () =>
        (await api().get(`/api/v1/deadlines?referralId=${id}`).set(auth('coord-nav-drammen')).expect(200))
          .body.items as Array<{ recipientUnitId: string }>,
      { until: (c) => c.length > 0, what: 'NAV Drammen’s clocks' },
    );
    expect(new Set(navClocks.map((c) => c.recipientUnitId))).toEqual(new Set(['nav-drammen-sosial']));
    expect(await queued(id, () => true)).toEqual([]);
    const explained = await api().get(`/api/v1/referrals/${id}/routing`).set(auth(CONSULTANT)).expect(200);
    expect(explained.body).toMatchObject({ status: 'routed', parked: [] });

    // A submission seen again, as a replay or a redelivery, routes nothing twice.
    const submitted: Envelope = recorder.envelopes(SUBMITTED, id)[0];
    await handledByRouting(await resend(submitted));
    await handledByRouting(await resend(submitted, { sameId: true }));
    expect(routedEvents(id)).toHaveLength(2);
  });

  it('accepts a referral to a municipality the directory does not know and parks it whole, with its release date', async () => {
    const release = addCalendarDays(today(), 12);
    const id = await releaseNotice(OVRE_EIKER, [DRAMMEN.housing, DRAMMEN.nav], release);
    const items = await queued(id, (i) => i.length === 2);
    expect(items.map((i) => i.unitKind).sort()).toEqual(['housing-service', 'nav-social-services']);
    for (const item of items) {
      expect(item).toMatchObject({
        partial: false,
        anchorDate: release,
        reasonCode: 'ROUTING.UNKNOWN_MUNICIPALITY',
        fix: { action: 'add-municipality' },
        overdue: false,
      });
    }
    const referral = await eventually(
      async () => (await api().get(`/api/v1/referrals/${id}`).set(auth(CONSULTANT)).expect(200)).body,
      { until: (d) => d.routingProblem !== null, what: 'the routing problem on the referral' },
    );
    expect(referral).toMatchObject({
      status: 'submitted',
      recipients: [],
      routingProblem: { code: 'ROUTING.UNKNOWN_MUNICIPALITY' },
    });
    expect(routedEvents(id)).toEqual([]);

    // A replay while it is parked finds the same gaps: nothing is routed or announced again.
    const submitted: Envelope = recorder.envelopes(SUBMITTED, id)[0];
    await handledByRouting(await resend(submitted));
    expect(routedEvents(id)).toEqual([]);
    expect(recorder.envelopes(UNROUTABLE, id)).toHaveLength(1);
  });

  it('routes a parked part only to an organisation the consent still names: withdrawn meanwhile, it reads nothing', async () => {
    const modum = { municipalityNumber: '3316', housing: '100000229', unit: 'modum-boligtjenesten' };
    const admin = auth('hub-admin');
    await api()
      .post('/api/v1/directory/organisations')
      .set(admin)
      .send({
        organisationNumber: modum.housing,
        name: 'Modum kommune',
        type: 'municipality',
        municipalityNumber: '3316',
      })
      .expect(201);
    await api()
      .post('/api/v1/directory/units')
      .set(admin)
      .send({
        id: modum.unit,
        organisationNumber: modum.housing,
        name: 'Boligtjenesten, Modum kommune',
        kind: 'housing-service',
        receives: ['release-notice'],
        mode: 'primary-backup',
      })
      .expect(201);
    await api()
      .post('/api/v1/directory/contact-persons')
      .set(admin)
      .send({
        id: 'cp-modum-bolig-1',
        unitId: modum.unit,
        name: 'Modum Eksempel',
        email: 'cp-modum-bolig-1@demo.overgang.invalid',
        phone: '+47 400 50 010',
        role: 'primary',
        referralTypes: ['release-notice'],
      })
      .expect(201);
    const nationalId = aNationalId();
    const consentId = (
      await api()
        .post('/api/v1/consents')
        .set(auth(CONSULTANT))
        .send(aConsent({ nationalId, receivingOrganisationNumbers: [modum.housing, DRAMMEN.nav] }))
        .expect(201)
    ).body.id as string;
    const id = (
      await api()
        .post('/api/v1/referrals/release-notices')
        .set(auth(CONSULTANT))
        .send(aReleaseNotice({ nationalId, consentId, municipalityNumber: modum.municipalityNumber }))
        .expect(201)
    ).body.id as string;
    await queued(id);
    await eventually(() => Promise.resolve(routedEvents(id)), {
      until: (e) => e.length === 1,
      what: 'housing routed',
    });

    // The person withdraws the consent for NAV while NAV's part is parked.
    await api()
      .post(`/api/v1/consents/${consentId}/withdrawals`)
      .set(auth(CONSULTANT))
      .send({ organisationNumbers: [DRAMMEN.nav] })
      .expect(200);
    await api()
      .put(`/api/v1/directory/nav-coverage/${modum.municipalityNumber}`)
      .set(admin)
      .send({ navOrganisationNumber: DRAMMEN.nav })
      .expect(200);
    const nav = (
      await eventually(() => api().get(`/api/v1/referrals/${id}`).set(auth('cp-nav-drammen-1')), {
        until: (r) => r.status === 200,
        what: 'the referral reaching NAV',
      })
    ).body;
    expect(nav).toMatchObject({ person: null, personalDataWithheld: { code: 'REFERRAL.CONSENT_WITHDRAWN' } });
    // The housing service, which the consent still names, goes on reading it.
    const modumCaseworker = {
      Authorization: `Bearer ${tokenForClaims({ sub: 'cp-modum-bolig-1', org: modum.housing, unit: modum.unit, roles: ['housing-caseworker'] })}`,
    };
    const housing = await api().get(`/api/v1/referrals/${id}`).set(modumCaseworker).expect(200);
    expect(housing.body.personalDataWithheld).toBeNull();
    expect(housing.body.person.nationalId).toBe(nationalId);
    const sender = await api().get(`/api/v1/referrals/${id}`).set(auth(CONSULTANT)).expect(200);
    expect(sender.body.status).toBe('delivered');
    expect(sender.body.person.nationalId).toBe(nationalId);
    // NAV's clocks, opened by the late routing, wait with the withdrawal; the housing service's run.
    const clocks = await eventually(
      async () =>
        (await api().get(`/api/v1/deadlines?referralId=${id}`).set(auth('hub-admin')).expect(200)).body
          .items as Array<{ recipientUnitId: string; status: string }>,
      {
        until: (c) =>
          c.some((x) => x.recipientUnitId === 'nav-drammen-sosial') &&
          c.filter((x) => x.recipientUnitId === 'nav-drammen-sosial').every((x) => x.status === 'paused'),
        what: 'NAV’s clocks paused',
      },
    );
    expect(clocks.filter((x) => x.recipientUnitId === modum.unit).every((x) => x.status === 'open')).toBe(
      true,
    );
  });

  it('still refuses a kommunenummer that does not exist', async () => {
    const nationalId = aNationalId();
    const bad = await api()
      .post('/api/v1/referrals/release-notices')
      .set(auth(CONSULTANT))
      .send(aReleaseNotice({ nationalId, municipalityNumber: '9999' }))
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'municipalityNumber' })]);
  });
});
