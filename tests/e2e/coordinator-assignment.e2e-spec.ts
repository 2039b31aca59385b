import request from 'supertest';
import { Client } from 'pg';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aConsent,
  aNationalId,
  aReleaseNotice,
  DRAMMEN,
  eventually,
  tokenFor,
  tokenForClaims,
  VERDAL,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const UNIT = 'verdal-psykisk-helse';
const today = () => osloDate(new Date());
const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
/** The unit's own people are made in the test, so are not demo users: their tokens are made here. */
const member = (id: string) => ({
  Authorization: `Bearer ${tokenForClaims({ sub: id, org: VERDAL.housing, unit: UNIT, roles: ['housing-caseworker'] })}`,
});
type Recipient = { unitId: string; holder: { contactPersonId: string | null; reasonCode: string } };

describe('coordinators assign or take over a referral in their unit, end to end', () => {
  let hub: Hub;
  let db: Client;
  const api = () => request(hub.gateway);

  beforeAll(async () => {
    hub = await startHub();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  const contact = (id: string, role: 'primary' | 'backup') =>
    api()
      .post('/api/v1/directory/contact-persons')
      .set(auth('coord-verdal'))
      .send({
        id,
        unitId: UNIT,
        name: `Psyk ${id}`,
        email: `${id}@demo.overgang.invalid`,
        phone: '+47 400 50 010',
        role,
        referralTypes: ['assessment-request'],
      })
      .expect(201);

  async function recipient(id: string, until: (r: Recipient) => boolean, what: string): Promise<Recipient> {
    return eventually(
      async () =>
        (
          (await api().get(`/api/v1/referrals/${id}`).set(auth('coord-verdal')).expect(200)).body as {
            recipients: Recipient[];
          }
        ).recipients.find((r) => r.unitId === UNIT) as Recipient,
      { until: (r) => r !== undefined && until(r), what },
    );
  }

  /** What routing stored and published for the referral: refusals must change neither. */
  const routingState = async (id: string) => ({
    holder: (
      await db.query('SELECT contact_person_id, reason_code FROM routing.assignment WHERE referral_id = $1', [
        id,
      ])
    ).rows,
    moves: (
      await db.query('SELECT count(*)::int AS n FROM routing.reassignment WHERE referral_id = $1', [id])
    ).rows[0].n,
    events: (
      await db.query(
        `SELECT count(*)::int AS n FROM routing.outbox WHERE key = $1 AND topic = 'routing.referral-reassigned.v1'`,
        [id],
      )
    ).rows[0].n,
  });

  it('takes a referral out of the unit queue, gives it on, refuses what is not allowed, and the holders, the history and the clocks follow', async () => {
    await api()
      .post('/api/v1/directory/units')
      .set(auth('coord-verdal'))
      .send({
        id: UNIT,
        organisationNumber: VERDAL.housing,
        name: 'Psykisk helse, Verdal kommune',
        kind: 'follow-up-mental-health',
        receives: ['assessment-request'],
        mode: 'primary-backup',
      })
      .expect(201);
    await contact('cp-verdal-psyk-1', 'primary');
    await contact('cp-verdal-psyk-2', 'backup');
    // Both are away: the referral waits in the unit's queue.
    for (const id of ['cp-verdal-psyk-1', 'cp-verdal-psyk-2']) {
      await api()
        .post(`/api/v1/directory/contact-persons/${id}/absences`)
        .set(auth('coord-verdal'))
        .send({ from: today(), to: addCalendarDays(today(), 3), reason: 'course' })
        .expect(201);
    }

    const nationalId = aNationalId();
    const consentId = (
      await api()
        .post('/api/v1/consents')
        .set(auth('cp-verdal-bolig-1'))
        .send(
          aConsent({ nationalId, purposes: ['assessment'], receivingOrganisationNumbers: [VERDAL.housing] }),
        )
        .expect(201)
    ).body.id as string;
    const submitted = await eventually(
      () =>
        api()
          .post('/api/v1/referrals/assessment-requests')
          .set(auth('cp-verdal-bolig-1'))
          .send({
            nationalId,
            name: 'Kø Søker',
            municipalityNumber: VERDAL.municipalityNumber,
            assessedBy: 'follow-up-mental-health',
            questions: ['Trenger søker oppfølging etter utskrivning?'],
            consentId,
          }),
      { until: (r) => r.status === 201, what: 'the referral service to know the new unit' },
    );
    const id = submitted.body.id as string;
    const queued = await recipient(id, (r) => r.holder.reasonCode !== undefined, 'the referral routed');
    expect(queued.holder.contactPersonId).toBeNull();

    const assign = (user: string, body: object) =>
      api().post(`/api/v1/referrals/${id}/routing/assignments`).set(auth(user)).send(body);
    const before = await routingState(id);
    // Refused: nothing stored, nothing published.
    const refusals: Array<[string, object, number, string]> = [
      ['coord-baerum', { unitId: UNIT, contactPersonId: 'cp-verdal-psyk-1' }, 404, 'ROUTING.NOT_FOUND'],
      ['coord-drammen', { unitId: UNIT, takeOver: true }, 404, 'ROUTING.NOT_FOUND'],
      ['cp-verdal-bolig-1', { unitId: UNIT, takeOver: true }, 403, 'AUTH.ROLE_REQUIRED'],
      [
        'coord-verdal',
        { unitId: UNIT, contactPersonId: 'cp-verdal-bolig-2' },
        422,
        'ROUTING.CONTACT_NOT_IN_UNIT',
      ],
      ['coord-verdal', { unitId: UNIT, contactPersonId: 'cp-verdal-psyk-2' }, 422, 'ROUTING.CONTACT_ABSENT'],
      ['coord-verdal', { unitId: UNIT, takeOver: true }, 422, 'ROUTING.COORDINATOR_NOT_CONTACT'],
      [
        'coord-verdal',
        { unitId: 'verdal-boligtjenesten', takeOver: true },
        422,
        'ROUTING.UNIT_NOT_RECIPIENT',
      ],
    ];
    for (const [user, body, status, code] of refusals) {
      const res = await assign(user, body);
      expect({ user, status: res.status, code: res.body.code }).toEqual({ user, status, code });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(typeof res.body.detail).toBe('string');
    }
    const both = await assign('coord-verdal', { unitId: UNIT, contactPersonId: 'x', takeOver: true });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['contactPersonId']);
    await contact('cp-verdal-psyk-9', 'backup');
    await api()
      .patch('/api/v1/directory/contact-persons/cp-verdal-psyk-9')
      .set(auth('coord-verdal'))
      .send({ active: false })
      .expect(200);
    const inactive = await assign('coord-verdal', { unitId: UNIT, contactPersonId: 'cp-verdal-psyk-9' });
    expect([inactive.status, inactive.body.code]).toEqual([422, 'ROUTING.CONTACT_INACTIVE']);
    expect(await routingState(id)).toEqual(before);

    // The coordinator is a contact person of the unit too: they take it over from the queue.
    await contact('coord-verdal', 'backup');
    const taken = await assign('coord-verdal', { unitId: UNIT, takeOver: true }).expect(200);
    expect(taken.body).toMatchObject({
      from: null,
      to: 'coord-verdal',
      reasonCode: 'ROUTING.COORDINATOR_ASSIGNED',
    });
    await recipient(id, (r) => r.holder.contactPersonId === 'coord-verdal', 'the coordinator holding it');

    // ... and give it on to a colleague present today: the one held by someone moves too.
    await contact('cp-verdal-psyk-3', 'backup');
    const given = await assign('coord-verdal', { unitId: UNIT, contactPersonId: 'cp-verdal-psyk-3' }).expect(
      200,
    );
    expect(given.body).toMatchObject({ from: 'coord-verdal', to: 'cp-verdal-psyk-3' });
    const again = await assign('coord-verdal', { unitId: UNIT, contactPersonId: 'cp-verdal-psyk-3' });
    expect([again.status, again.body.code]).toEqual([409, 'ROUTING.ALREADY_HOLDER']);

    const held = await recipient(id, (r) => r.holder.contactPersonId === 'cp-verdal-psyk-3', 'the colleague');
    expect(held.holder.reasonCode).toBe('ROUTING.COORDINATOR_ASSIGNED');
    const inbox = await eventually(
      async () =>
        (
          (await api().get('/api/v1/referrals/inbox').set(member('cp-verdal-psyk-3')).expect(200)).body
            .items as Array<{ id: string; holder: { heldByMe: boolean } }>
        ).find((i) => i.id === id),
      { until: (i) => i?.holder.heldByMe === true, what: 'the referral in the new holder’s inbox' },
    );
    expect(inbox?.holder.heldByMe).toBe(true);
    const history = await api().get(`/api/v1/referrals/${id}/history`).set(auth('coord-verdal')).expect(200);
    const lines = history.body.items.filter((h: { action: string }) => h.action === 'holder-changed');
    expect(lines).toEqual([
      expect.objectContaining({
        actor: 'coord-verdal',
        facts: expect.objectContaining({
          from: null,
          to: 'coord-verdal',
          assignedBy: 'coord-verdal',
          reasonCode: 'ROUTING.COORDINATOR_ASSIGNED',
          reason: 'Tatt over av koordinator coord-verdal fra enhetens kø.',
        }),
      }),
      expect.objectContaining({
        actor: 'coord-verdal',
        facts: expect.objectContaining({
          from: 'coord-verdal',
          to: 'cp-verdal-psyk-3',
          reason: 'Tildelt av koordinator coord-verdal til cp-verdal-psyk-3, fra coord-verdal.',
        }),
      }),
    ]);
    // The deadline clocks name the new holder, so the warnings reach them.
    const clocks = await eventually(
      async () =>
        (await api().get(`/api/v1/deadlines?referralId=${id}`).set(auth('coord-verdal')).expect(200)).body
          .items as Array<{ recipientUnitId: string; holderContactPersonId: string | null }>,
      {
        until: (items) =>
          items.length > 0 &&
          items
            .filter((c) => c.recipientUnitId === UNIT)
            .every((c) => c.holderContactPersonId === 'cp-verdal-psyk-3'),
        what: 'the clocks following the holder',
      },
    );
    expect(clocks.filter((c) => c.recipientUnitId === UNIT).length).toBeGreaterThan(0);
    const routing = await api().get(`/api/v1/referrals/${id}/routing`).set(auth('coord-verdal')).expect(200);
    expect(routing.body.moves).toEqual([
      expect.objectContaining({ from: null, to: 'coord-verdal', rule: 'ROUTING.COORDINATOR_ASSIGNED' }),
      expect.objectContaining({
        from: 'coord-verdal',
        to: 'cp-verdal-psyk-3',
        rule: 'ROUTING.COORDINATOR_ASSIGNED',
      }),
    ]);
    const events = await db.query(
      `SELECT envelope::jsonb->'payload' AS payload FROM routing.outbox WHERE key = $1 AND topic = 'routing.referral-reassigned.v1'
        ORDER BY (envelope::jsonb->>'sequence')::int`,
      [id],
    );
    expect(
      events.rows.map((r: { payload: { assignedByUserId: string } }) => r.payload.assignedByUserId),
    ).toEqual(['coord-verdal', 'coord-verdal']);
  });

  it('refuses an absence that is already over, naming the field, and stores nothing', async () => {
    const count = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM routing.absence WHERE contact_person_id = 'cp-verdal-bolig-2'`,
        )
      ).rows[0].n;
    const before = await count();
    const res = await api()
      .post('/api/v1/directory/contact-persons/cp-verdal-bolig-2/absences')
      .set(auth('coord-verdal'))
      .set('Accept-Language', 'nb')
      .send({ from: addCalendarDays(today(), -10), to: addCalendarDays(today(), -1), reason: 'holiday' })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'DIRECTORY.ABSENCE_IN_PAST', field: 'to' });
    expect(res.body.detail).toContain('allerede over');
    expect(await count()).toBe(before);
    // One still to come is taken.
    await api()
      .post('/api/v1/directory/contact-persons/cp-verdal-bolig-2/absences')
      .set(auth('coord-verdal'))
      .send({ from: addCalendarDays(today(), 30), to: addCalendarDays(today(), 31), reason: 'holiday' })
      .expect(201);
  });

  it('shows the hub’s coordinators the expected release date of a referral they must route by hand', async () => {
    const lier = { municipalityNumber: '3312', housing: '100000199', nav: DRAMMEN.nav };
    await api()
      .post('/api/v1/directory/organisations')
      .set(auth('hub-admin'))
      .send({
        organisationNumber: lier.housing,
        name: 'Lier kommune',
        type: 'municipality',
        municipalityNumber: '3312',
      })
      .expect(201);
    await api()
      .post('/api/v1/directory/units')
      .set(auth('hub-admin'))
      .send({
        id: 'lier-boligtjenesten',
        organisationNumber: lier.housing,
        name: 'Boligtjenesten, Lier kommune',
        kind: 'housing-service',
        receives: ['release-notice'],
        mode: 'primary-backup',
      })
      .expect(201);
    await api()
      .put('/api/v1/directory/nav-coverage/3312')
      .set(auth('hub-admin'))
      .send({ navOrganisationNumber: lier.nav })
      .expect(200);
    const nationalId = aNationalId();
    const consentId = (
      await api()
        .post('/api/v1/consents')
        .set(auth('consultant-drammen-fengsel'))
        .send(aConsent({ nationalId, receivingOrganisationNumbers: [lier.housing, lier.nav] }))
        .expect(201)
    ).body.id as string;
    const expectedReleaseDate = addCalendarDays(today(), 12);
    const submitted = await eventually(
      () =>
        api()
          .post('/api/v1/referrals/release-notices')
          .set(auth('consultant-drammen-fengsel'))
          .send(aReleaseNotice({ nationalId, consentId, municipalityNumber: '3312', expectedReleaseDate })),
      { until: (r) => r.status === 201, what: 'the referral service to serve Lier' },
    );
    const id = submitted.body.id as string;
    const item = await eventually(
      async () =>
        (
          (await api().get('/api/v1/directory/unroutable').set(auth('hub-admin')).expect(200)).body
            .items as Array<{
            referralId: string;
            anchorDate: string | null;
            reasonCode: string;
          }>
        ).find((i) => i.referralId === id),
      { until: (i) => i !== undefined, what: 'the referral in the hub’s queue' },
    );
    expect(item).toMatchObject({
      anchorDate: expectedReleaseDate,
      reasonCode: 'ROUTING.NO_CONTACTS_CONFIGURED',
    });

    // The prison moves the date while the referral waits: the queue shows the new one.
    const moved = addCalendarDays(today(), 5);
    await api()
      .post(`/api/v1/referrals/${id}/release-date`)
      .set(auth('consultant-drammen-fengsel'))
      .send({ expectedReleaseDate: moved, reasonCode: 'brought-forward' })
      .expect(200);
    await eventually(
      async () =>
        (
          (await api().get('/api/v1/directory/unroutable').set(auth('hub-admin')).expect(200)).body
            .items as Array<{
            referralId: string;
            anchorDate: string | null;
          }>
        ).find((i) => i.referralId === id)?.anchorDate,
      { until: (d) => d === moved, what: 'the queue showing the moved release date' },
    );
  });
});
