import request from 'supertest';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aConsent,
  aNationalId,
  aReleaseNotice,
  BAERUM,
  DRAMMEN,
  eventually,
  STJORDAL,
  tokenFor,
} from '@overgang/testing';
import { RungScheduler } from '../../apps/deadline-service/src/deadline/application/fire-rungs/rung-scheduler';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const today = () => osloDate(new Date());
type Recipient = {
  unitId: string;
  holder: { contactPersonId: string | null; coHolderContactPersonId: string | null; reasonCode: string };
};

describe('contact-person routing, end to end', () => {
  let hub: Hub;
  const api = () => request(hub.gateway);

  beforeAll(async () => {
    hub = await startHub();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  /** Submits; a part the directory cannot route yet is parked by the routing service, not refused. */
  async function submit(path: string, user: string, body: Record<string, unknown>): Promise<string> {
    const res = await api().post(`/api/v1/referrals/${path}`).set(auth(user)).send(body);
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function consent(user: string, body: Record<string, unknown>): Promise<string> {
    return (await api().post('/api/v1/consents').set(auth(user)).send(body).expect(201)).body.id;
  }

  async function recipient(
    id: string,
    user: string,
    unitId: string,
    until: (r: Recipient) => boolean,
  ): Promise<Recipient> {
    return eventually(
      async () => {
        const d = (await api().get(`/api/v1/referrals/${id}`).set(auth(user)).expect(200)).body as {
          recipients: Recipient[];
        };
        return d.recipients.find((r) => r.unitId === unitId) as Recipient;
      },
      { until: (r) => r !== undefined && until(r), what: `the holder in ${unitId}` },
    );
  }

  async function releaseNoticeTo(
    area: { municipalityNumber: string; housing: string; nav: string },
    consultant: string,
  ) {
    const nationalId = aNationalId();
    const consentId = await consent(
      consultant,
      aConsent({ nationalId, receivingOrganisationNumbers: [area.housing, area.nav] }),
    );
    return submit(
      'release-notices',
      consultant,
      aReleaseNotice({ nationalId, consentId, municipalityNumber: area.municipalityNumber }),
    );
  }

  it('moves open referrals to the backup at once when the holder is registered absent, and both holders see it', async () => {
    const id = await releaseNoticeTo(STJORDAL, 'consultant-trondheim-fengsel');
    await recipient(
      id,
      'cp-stjordal-bolig-1',
      'stjordal-boligtjenesten',
      (r) => r.holder.contactPersonId === 'cp-stjordal-bolig-1',
    );

    const absence = await api()
      .post('/api/v1/directory/contact-persons/cp-stjordal-bolig-1/absences')
      .set(auth('coord-stjordal'))
      .send({ from: today(), to: addCalendarDays(today(), 5), reason: 'holiday' })
      .expect(201);
    expect(absence.body.referralsMoved).toBeGreaterThanOrEqual(1);

    const moved = await recipient(
      id,
      'cp-stjordal-bolig-2',
      'stjordal-boligtjenesten',
      (r) => r.holder.contactPersonId === 'cp-stjordal-bolig-2',
    );
    expect(moved.holder.reasonCode).toBe('ROUTING.HOLDER_ABSENT');
    const inboxOf = async (user: string) =>
      (
        (await api().get('/api/v1/referrals/inbox').set(auth(user)).expect(200)).body.items as Array<{
          id: string;
          holder: { heldByMe: boolean };
        }>
      ).find((i) => i.id === id);
    expect((await inboxOf('cp-stjordal-bolig-2'))?.holder.heldByMe).toBe(true);
    expect((await inboxOf('cp-stjordal-bolig-1'))?.holder.heldByMe).toBe(false);
    const history = await api()
      .get(`/api/v1/referrals/${id}/history`)
      .set(auth('cp-stjordal-bolig-1'))
      .expect(200);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({
        action: 'holder-changed',
        facts: expect.objectContaining({ from: 'cp-stjordal-bolig-1', to: 'cp-stjordal-bolig-2' }),
      }),
    );

    const routing = await api()
      .get(`/api/v1/referrals/${id}/routing`)
      .set(auth('consultant-trondheim-fengsel'))
      .expect(200);
    expect(routing.body.moves).toEqual([
      expect.objectContaining({
        from: 'cp-stjordal-bolig-1',
        to: 'cp-stjordal-bolig-2',
        rule: 'ROUTING.HOLDER_ABSENT',
      }),
    ]);
    const housing = routing.body.decisions.find(
      (d: { unitId: string }) => d.unitId === 'stjordal-boligtjenesten',
    );
    expect(housing.considered.candidates.map((c: { contactPersonId: string }) => c.contactPersonId)).toEqual([
      'cp-stjordal-bolig-1',
      'cp-stjordal-bolig-2',
    ]);
    await api().get(`/api/v1/referrals/${id}/routing`).set(auth('cp-nav-baerum-1')).expect(404);
  });

  it('gives the referral to the backup too when the holder stays silent past the acknowledgement deadline', async () => {
    const id = await releaseNoticeTo(BAERUM, 'consultant-drammen-fengsel');
    await recipient(
      id,
      'cp-baerum-bolig-1',
      'baerum-boligtjenesten',
      (r) => r.holder.contactPersonId === 'cp-baerum-bolig-1',
    );
    const clocks = await eventually(
      async () =>
        (await api().get(`/api/v1/deadlines?referralId=${id}`).set(auth('coord-baerum')).expect(200)).body
          .items as Array<{ id: string; kind: string }>,
      { until: (c) => c.some((x) => x.kind === 'acknowledge') },
    );
    const ack = clocks.find((c) => c.kind === 'acknowledge')!;
    const explained = await api().get(`/api/v1/deadlines/${ack.id}`).set(auth('coord-baerum')).expect(200);
    const breach = explained.body.ladder.find(
      (r: { rungId: string }) => r.rungId === 'breach-unit-coordinator',
    );
    // Two working days pass without an acknowledgement.
    await hub.apps.deadline.get(RungScheduler).drain(new Date(breach.fireAt));

    const both = await recipient(
      id,
      'cp-baerum-bolig-2',
      'baerum-boligtjenesten',
      (r) => r.holder.coHolderContactPersonId === 'cp-baerum-bolig-2',
    );
    expect(both.holder.contactPersonId).toBe('cp-baerum-bolig-1');
    const inbox = await api().get('/api/v1/referrals/inbox').set(auth('cp-baerum-bolig-2')).expect(200);
    expect(inbox.body.items.find((i: { id: string }) => i.id === id).holder.heldByMe).toBe(true);
    const routing = await api().get(`/api/v1/referrals/${id}/routing`).set(auth('coord-baerum')).expect(200);
    expect(routing.body.moves).toContainEqual(
      expect.objectContaining({ mode: 'added', to: 'cp-baerum-bolig-2', rule: 'ROUTING.ACK_SILENCE' }),
    );
  });

  it('spreads referrals over both members of a unit in team mode', async () => {
    await api()
      .post('/api/v1/directory/units')
      .set(auth('coord-stjordal'))
      .send({
        id: 'stjordal-psykisk-helse',
        organisationNumber: STJORDAL.housing,
        name: 'Psykisk helse, Stjørdal kommune',
        kind: 'follow-up-mental-health',
        receives: ['assessment-request'],
        mode: 'team',
      })
      .expect(201);
    for (const n of [1, 2]) {
      await api()
        .post('/api/v1/directory/contact-persons')
        .set(auth('coord-stjordal'))
        .send({
          id: `cp-stjordal-psyk-${n}`,
          unitId: 'stjordal-psykisk-helse',
          name: `Team Eksempel ${n}`,
          email: `cp-stjordal-psyk-${n}@demo.overgang.invalid`,
          phone: `+47 400 20 0${n}0`,
          role: n === 1 ? 'primary' : 'backup',
          referralTypes: ['assessment-request'],
        })
        .expect(201);
    }
    const holders: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const nationalId = aNationalId();
      const consentId = await consent(
        'cp-stjordal-bolig-2',
        aConsent({ nationalId, purposes: ['assessment'], receivingOrganisationNumbers: [STJORDAL.housing] }),
      );
      const id = await submit('assessment-requests', 'cp-stjordal-bolig-2', {
        nationalId,
        name: 'Team Søker',
        municipalityNumber: STJORDAL.municipalityNumber,
        assessedBy: 'follow-up-mental-health',
        questions: ['Trenger søker bolig med bemanning?'],
        consentId,
      });
      const r = await recipient(
        id,
        'cp-stjordal-bolig-2',
        'stjordal-psykisk-helse',
        (x) => x.holder.contactPersonId !== null,
      );
      expect(r.holder.reasonCode).toBe('ROUTING.TEAM_FEWEST_OPEN');
      holders.push(r.holder.contactPersonId as string);
      ids.push(id);
    }
    expect([...holders].sort()).toEqual(['cp-stjordal-psyk-1', 'cp-stjordal-psyk-2']);

    // A member leaves: what they held moves at once to whoever is left.
    const left = await api()
      .patch('/api/v1/directory/contact-persons/cp-stjordal-psyk-1')
      .set(auth('coord-stjordal'))
      .send({ active: false })
      .expect(200);
    expect(left.body.referralsMoved).toBe(1);
    const heldBy1 = ids[holders.indexOf('cp-stjordal-psyk-1')];
    const moved = await recipient(
      heldBy1,
      'cp-stjordal-bolig-2',
      'stjordal-psykisk-helse',
      (x) => x.holder.contactPersonId === 'cp-stjordal-psyk-2',
    );
    expect(moved.holder.reasonCode).toBe('ROUTING.HOLDER_LEFT');
  });

  it('lets a coordinator edit only their own organisation’s directory, and checks what they send', async () => {
    const unit = {
      id: 'stjordal-x',
      organisationNumber: STJORDAL.housing,
      name: 'X',
      kind: 'housing-service',
      receives: [],
      mode: 'team',
    };
    await api().post('/api/v1/directory/units').set(auth('coord-drammen')).send(unit).expect(403);
    await api()
      .patch('/api/v1/directory/contact-persons/cp-stjordal-bolig-2')
      .set(auth('coord-drammen'))
      .send({ active: false })
      .expect(403);
    await api()
      .put('/api/v1/directory/nav-coverage/5035')
      .set(auth('coord-drammen'))
      .send({ navOrganisationNumber: DRAMMEN.nav })
      .expect(403);
    await api()
      .post('/api/v1/directory/contact-persons/cp-stjordal-bolig-2/absences')
      .set(auth('coord-drammen'))
      .send({ from: today(), to: today(), reason: 'leave' })
      .expect(403);
    await api()
      .post('/api/v1/directory/organisations')
      .set(auth('coord-drammen'))
      .send({ organisationNumber: '100000156', name: 'X', type: 'prison' })
      .expect(403);
    const bad = await api()
      .post('/api/v1/directory/organisations')
      .set(auth('hub-admin'))
      .send({ organisationNumber: '100000157', name: 'X', type: 'municipality', municipalityNumber: '9999' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'municipalityNumber',
      'organisationNumber',
    ]);

    const mine = await api().get('/api/v1/directory/export').set(auth('coord-stjordal')).expect(200);
    expect(new Set(mine.body.units.map((u: { organisationNumber: string }) => u.organisationNumber))).toEqual(
      new Set([STJORDAL.housing]),
    );
    const csv = await api().get('/api/v1/directory/export.csv').set(auth('coord-stjordal')).expect(200);
    expect(csv.text.split('\n')[0]).toBe(
      'id,organisation_number,unit_id,name,email,phone,role,referral_types',
    );
    expect(csv.text).toContain('cp-stjordal-psyk-1');

    const header = 'id,organisation_number,unit_id,name,email,phone,role,referral_types';
    const row = `cp-stjordal-psyk-3,${STJORDAL.housing},stjordal-psykisk-helse,"Eksempel, Tredje",cp-stjordal-psyk-3@demo.overgang.invalid,+47 400 20 030,backup,assessment-request`;
    const imported = await api()
      .post('/api/v1/directory/import.csv')
      .set(auth('coord-stjordal'))
      .set('content-type', 'text/csv')
      .send(`${header}\n${row}\n`)
      .expect(200);
    expect(imported.body).toEqual({ contactPersons: 1 });
    const unitNow = await api()
      .get('/api/v1/directory/units/stjordal-psykisk-helse')
      .set(auth('coord-stjordal'))
      .expect(200);
    expect(unitNow.body.contactPersons.map((c: { name: string }) => c.name)).toContain('Eksempel, Tredje');
    const badRow = await api()
      .post('/api/v1/directory/import.csv')
      .set(auth('coord-stjordal'))
      .set('content-type', 'text/csv')
      .send(`${header}\n${row.replace('@demo', '')}\n`)
      .expect(400);
    expect(badRow.body).toMatchObject({ code: 'DIRECTORY.CSV_ROW', field: 'email', row: 2 });
    await api()
      .post('/api/v1/directory/import.csv')
      .set(auth('coord-drammen'))
      .set('content-type', 'text/csv')
      .send(`${header}\n${row}\n`)
      .expect(403);
  });

  it('parks the part the directory cannot route with the hub’s coordinators, with the reason, routes the rest at once, and the parked part once the directory is fixed', async () => {
    // Kongsberg joins the hub: its housing service exists but nobody is configured there yet; NAV
    // Drammen serves it and takes its part at once.
    const kongsberg = { municipalityNumber: '3303', housing: '100000156', nav: DRAMMEN.nav };
    await api()
      .post('/api/v1/directory/organisations')
      .set(auth('hub-admin'))
      .send({
        organisationNumber: kongsberg.housing,
        name: 'Kongsberg kommune',
        type: 'municipality',
        municipalityNumber: '3303',
      })
      .expect(201);
    await api()
      .post('/api/v1/directory/units')
      .set(auth('hub-admin'))
      .send({
        id: 'kongsberg-boligtjenesten',
        organisationNumber: kongsberg.housing,
        name: 'Boligtjenesten, Kongsberg kommune',
        kind: 'housing-service',
        receives: ['release-notice'],
        mode: 'primary-backup',
      })
      .expect(201);
    await api()
      .put('/api/v1/directory/nav-coverage/3303')
      .set(auth('hub-admin'))
      .send({ navOrganisationNumber: kongsberg.nav })
      .expect(200);

    const id = await releaseNoticeTo(kongsberg, 'consultant-drammen-fengsel');
    const queue = await eventually(
      async () =>
        (await api().get('/api/v1/directory/unroutable').set(auth('hub-admin')).expect(200)).body
          .items as Array<{ referralId: string; reasonCode: string }>,
      { until: (items) => items.some((i) => i.referralId === id), what: 'the referral in the hub’s queue' },
    );
    expect(queue.filter((i) => i.referralId === id)).toEqual([
      expect.objectContaining({
        reasonCode: 'ROUTING.NO_CONTACTS_CONFIGURED',
        unitKind: 'housing-service',
        partial: true,
      }),
    ]);
    await api().get('/api/v1/directory/unroutable').set(auth('coord-drammen')).expect(404);
    const waiting = await eventually(
      async () =>
        (await api().get(`/api/v1/referrals/${id}`).set(auth('consultant-drammen-fengsel')).expect(200)).body,
      {
        until: (d) => d.routingProblem !== null,
      },
    );
    expect(waiting).toMatchObject({
      status: 'delivered',
      routingProblem: { code: 'ROUTING.NO_CONTACTS_CONFIGURED' },
    });
    expect(waiting.recipients.map((r: Recipient) => r.unitId)).toEqual(['nav-drammen-sosial']);
    const navHolder = waiting.recipients[0].holder.contactPersonId;

    await api()
      .post('/api/v1/directory/contact-persons')
      .set(auth('hub-admin'))
      .send({
        id: 'cp-kongsberg-bolig-1',
        unitId: 'kongsberg-boligtjenesten',
        name: 'Kongsberg Eksempel',
        email: 'cp-kongsberg-bolig-1@demo.overgang.invalid',
        phone: '+47 400 30 010',
        role: 'primary',
        referralTypes: ['release-notice'],
      })
      .expect(201);
    const routed = await eventually(
      async () =>
        (await api().get(`/api/v1/referrals/${id}`).set(auth('consultant-drammen-fengsel')).expect(200)).body,
      {
        until: (d) => d.routingProblem === null && d.recipients.length === 2,
        what: 'the parked part routed after the fix',
      },
    );
    expect(routed.status).toBe('delivered');
    const holderIn = (unitId: string) =>
      routed.recipients.find((r: Recipient) => r.unitId === unitId)?.holder.contactPersonId;
    expect(holderIn('kongsberg-boligtjenesten')).toBe('cp-kongsberg-bolig-1');
    expect(holderIn('nav-drammen-sosial')).toBe(navHolder);
    const after = await api().get('/api/v1/directory/unroutable').set(auth('hub-admin')).expect(200);
    expect(after.body.items.map((i: { referralId: string }) => i.referralId)).not.toContain(id);
  });
});
