import request from 'supertest';
import { Client } from 'pg';
import { ALL_TOPICS } from '@overgang/contracts';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aPdf,
  aConsent,
  aNationalId,
  aReleaseNotice,
  DRAMMEN,
  eventually,
  personKeyOf,
  tokenFor,
  TopicRecorder,
} from '@overgang/testing';
import { ConsentLedgerService } from '../../apps/referral-service/src/consent/application/withdraw-consent/consent-ledger.service';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const today = () => osloDate(new Date());
const PDF = aPdf('Vedtak');

type Clock = { recipientUnitId: string; status: string; referralId: string; kind: string };

describe('every referral type through its life, on real Kafka and PostgreSQL', () => {
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

  const api = () => request(hub.gateway);

  async function consent(user: string, body: Record<string, unknown>): Promise<string> {
    return (await api().post('/api/v1/consents').set(auth(user)).send(body).expect(201)).body.id;
  }

  async function submit(path: string, user: string, body: Record<string, unknown>): Promise<string> {
    personalData.push(String(body.nationalId), String(body.name));
    const res = await api().post(`/api/v1/referrals/${path}`).set(auth(user)).send(body);
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function delivered(id: string, user: string) {
    return eventually(
      async () => (await api().get(`/api/v1/referrals/${id}`).set(auth(user)).expect(200)).body,
      {
        until: (d) =>
          d.status !== 'submitted' && d.recipients.every((r: { deadline: unknown }) => r.deadline),
        what: `referral ${id} routed with its clocks`,
      },
    );
  }

  const step = (id: string, path: string, user: string, body: object = {}) =>
    api().post(`/api/v1/referrals/${id}/${path}`).set(auth(user)).send(body);

  async function clocks(coordinator: string, referralId: string): Promise<Clock[]> {
    return (await api().get(`/api/v1/deadlines?referralId=${referralId}`).set(auth(coordinator)).expect(200))
      .body.items;
  }

  async function actions(id: string, user: string): Promise<string[]> {
    const res = await api().get(`/api/v1/referrals/${id}/history`).set(auth(user)).expect(200);
    return res.body.items.map((h: { action: string }) => h.action);
  }

  it('release notice: date brought forward, housing outcome, released; a step after the end is refused with the steps allowed', async () => {
    const nationalId = aNationalId();
    const consentId = await consent('consultant-drammen-fengsel', aConsent({ nationalId }));
    const id = await submit(
      'release-notices',
      'consultant-drammen-fengsel',
      aReleaseNotice({ nationalId, consentId }),
    );
    await delivered(id, 'cp-drammen-bolig-1');

    // Brought forward, but not so close that the housing clock (10 working days before release) is
    // already past due: then the rung sweep's breach would race this test's steps into the history.
    const earlier = addCalendarDays(today(), 30);
    await step(id, 'release-date', 'cp-drammen-bolig-1', {
      expectedReleaseDate: earlier,
      reasonCode: 'brought-forward',
    }).expect(403);
    await step(id, 'release-date', 'consultant-drammen-fengsel', {
      expectedReleaseDate: earlier,
      reasonCode: 'brought-forward',
      note: 'Fremskutt løslatelse',
    }).expect(200);
    const moved = await eventually(() => recorder.envelopes('referral.anchor-date-changed.v1', id), {
      until: (e) => e.length === 1,
    });
    expect(moved[0].payload).toMatchObject({
      anchorKind: 'expected-release',
      to: earlier,
      reasonCode: 'brought-forward',
    });

    await step(id, 'housing-outcome', 'cp-nav-drammen-1', { outcome: 'contract-signed' }).expect(403);
    await step(id, 'housing-outcome', 'cp-drammen-bolig-1', { outcome: 'no-housing' }).expect(400);
    const answered = await step(id, 'housing-outcome', 'cp-drammen-bolig-1', {
      outcome: 'contract-signed',
    }).expect(200);
    expect(answered.body.status).toBe('answered');
    const future = await step(id, 'released', 'consultant-drammen-fengsel', {
      releasedOn: addCalendarDays(today(), 1),
    }).expect(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'releasedOn' })]);
    // Recorded the day after: the actual release date is kept, not the day it was entered.
    const yesterday = addCalendarDays(today(), -1);
    await step(id, 'released', 'consultant-drammen-fengsel', { releasedOn: yesterday }).expect(200);
    const history = await api()
      .get(`/api/v1/referrals/${id}/history`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    // The step's own entry: the deadline service's warnings may be projected after it.
    const releasedEntry = (history.body.items as Array<{ action: string }>)
      .filter((e) => e.action === 'mark-released')
      .at(-1);
    expect(releasedEntry).toMatchObject({
      action: 'mark-released',
      facts: { code: 'released', date: yesterday },
    });

    const late = await step(id, 'release-date', 'consultant-drammen-fengsel', {
      expectedReleaseDate: earlier,
      reasonCode: 'corrected',
    }).expect(409);
    expect(late.body).toMatchObject({
      code: 'REFERRAL.ILLEGAL_TRANSITION',
      currentStatus: 'completed',
      allowedNext: [],
    });
    expect(await actions(id, 'consultant-drammen-fengsel')).toEqual([
      'submitted',
      'routed',
      'change-release-date',
      'deadline-moved',
      'report-housing-outcome',
      'mark-released',
    ]);
    const details = await api()
      .get(`/api/v1/referrals/${id}`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(details.body).toMatchObject({
      status: 'completed',
      anchorDate: earlier,
      details: { housingOutcome: 'contract-signed', releasedOn: yesterday },
    });
  });

  it('discharge notice: to the housing service and NAV on request; date set, housing granted, no readmission while admitted, discharged', async () => {
    const staff = 'staff-vestre-viken-dps-drammen';
    const nationalId = aNationalId();
    const consentId = await consent(staff, aConsent({ nationalId, purposes: ['discharge-housing'] }));
    const body = {
      nationalId,
      name: 'Pasient Eksempel',
      institutionUnitId: 'vestre-viken-dps-drammen',
      ward: 'Døgnpost 2',
      admissionDate: addCalendarDays(today(), -3),
      municipalityNumber: DRAMMEN.municipalityNumber,
      housingSituation: 'cannot-return',
      followUpNeeds: ['mental-health'],
      notifyNav: true,
      consentId,
    };
    const unknown = await api()
      .post('/api/v1/referrals/discharge-notices')
      .set(auth(staff))
      .send({ ...body, institutionUnitId: 'drammen-fengsel-sosialkonsulent' })
      .expect(422);
    expect(unknown.body).toMatchObject({ code: 'REFERRAL.UNKNOWN_INSTITUTION', field: 'institutionUnitId' });
    const wrongOrder = await api()
      .post('/api/v1/referrals/discharge-notices')
      .set(auth(staff))
      .send({ ...body, plannedDischargeDate: addCalendarDays(today(), -5) })
      .expect(400);
    expect(wrongOrder.body).toMatchObject({ code: 'REFERRAL.INVALID_DATES', field: 'plannedDischargeDate' });

    const id = await submit('discharge-notices', staff, body);
    const d = await delivered(id, 'cp-drammen-bolig-1');
    expect(d.recipients.map((r: { unitId: string }) => r.unitId)).toEqual([
      'drammen-boligtjenesten',
      'nav-drammen-sosial',
    ]);
    expect(d.anchorDate).toBeNull();

    const planned = addCalendarDays(today(), 20);
    await step(id, 'discharge-date', staff, { plannedDischargeDate: planned }).expect(200);
    await step(id, 'housing-outcome', 'cp-drammen-bolig-1', { outcome: 'housing-granted' }).expect(200);
    // Still admitted: a readmission follows a discharge or an early leave (lifecycle-outcomes e2e).
    const stillIn = await step(id, 'readmitted', staff, { admissionDate: today() }).expect(409);
    expect(stillIn.body).toMatchObject({ code: 'REFERRAL.STILL_ADMITTED' });
    await step(id, 'discharged', 'cp-drammen-bolig-1').expect(403);
    // Admitted three days ago (the body above).
    const beforeAdmission = await step(id, 'discharged', staff, {
      dischargedOn: addCalendarDays(today(), -4),
    })
      .set('Accept-Language', 'nb')
      .expect(400);
    expect(beforeAdmission.body).toMatchObject({
      code: 'REFERRAL.INVALID_DATES',
      field: 'dischargedOn',
      detail: expect.stringMatching(/^Utskrivningsdatoen må være/),
    });
    await step(id, 'discharged', staff).expect(200);
    const discharged = await api().get(`/api/v1/referrals/${id}`).set(auth(staff)).expect(200);
    expect(discharged.body.details).toMatchObject({ dischargedOn: today() });
    expect(await actions(id, staff)).toEqual([
      'submitted',
      'routed',
      'set-discharge-date',
      'report-housing-outcome',
      'mark-discharged',
    ]);
    const set = await eventually(() => recorder.envelopes('referral.anchor-date-changed.v1', id), {
      until: (e) => e.length === 1,
    });
    expect(set[0].payload).toMatchObject({
      anchorKind: 'planned-discharge',
      from: null,
      to: planned,
      reasonCode: 'set',
    });
    // Completed: the remaining clocks are cancelled, not left running.
    await eventually(() => clocks('coord-nav-drammen', id), {
      until: (c) => c.every((x) => x.status === 'cancelled' || x.status === 'met'),
    });
  });

  it('discharge notice: a patient who leaves early leaves the referral open for the municipality, the history says why', async () => {
    const staff = 'staff-vestre-viken-dps-drammen';
    const nationalId = aNationalId();
    const consentId = await consent(staff, aConsent({ nationalId, purposes: ['discharge-housing'] }));
    const id = await submit('discharge-notices', staff, {
      nationalId,
      name: 'Pasient Eksempel',
      institutionUnitId: 'vestre-viken-dps-drammen',
      ward: 'Døgnpost 2',
      admissionDate: addCalendarDays(today(), -3),
      plannedDischargeDate: addCalendarDays(today(), 30),
      municipalityNumber: DRAMMEN.municipalityNumber,
      housingSituation: 'cannot-return',
      followUpNeeds: ['mental-health'],
      notifyNav: false,
      consentId,
    });
    await delivered(id, 'cp-drammen-bolig-1');
    const left = await step(id, 'left-early', staff, { note: 'Skrev seg ut mot råd' }).expect(200);
    expect(left.body.status).toBe('delivered');
    const history = await api().get(`/api/v1/referrals/${id}/history`).set(auth(staff)).expect(200);
    // The step's own entry: the deadline service's warnings may be projected after it.
    const leftearlyEntry = (history.body.items as Array<{ action: string }>)
      .filter((e) => e.action === 'mark-left-early')
      .at(-1);
    expect(leftearlyEntry).toMatchObject({
      action: 'mark-left-early',
      fromStatus: 'delivered',
      toStatus: 'delivered',
      facts: { code: 'left-early', date: today(), note: 'Skrev seg ut mot råd' },
    });
    const moved = await eventually(() => recorder.envelopes('referral.anchor-date-changed.v1', id), {
      until: (e) => e.some((m) => m.payload.reasonCode === 'left-early'),
    });
    expect(moved.at(-1)?.payload).toMatchObject({ anchorKind: 'planned-discharge', to: today() });
    // The housing plan, due before a date that is now past, gives way to a two-day follow-up clock.
    const after = await eventually(() => clocks('coord-drammen', id), {
      until: (c) => c.some((x) => x.kind === 'follow-up'),
      what: 'the follow-up clock',
    });
    expect(after.find((x) => x.kind === 'follow-up')).toMatchObject({
      status: 'open',
      openedReason: 'LEFT_EARLY',
    });
    expect(after.find((x) => x.kind === 'housing-plan')).toMatchObject({
      status: 'cancelled',
      stopReason: 'LEFT_EARLY',
    });
    const housing = await api().get(`/api/v1/referrals/${id}`).set(auth('cp-drammen-bolig-1')).expect(200);
    expect(housing.body).toMatchObject({ status: 'delivered', details: { leftEarlyOn: today() } });
    await step(id, 'housing-outcome', 'cp-drammen-bolig-1', { outcome: 'housing-granted' }).expect(200);
  });

  it('benefit deduction: requested and confirmed by NAV, not activated before the first deduction date, amount changed and stopped by the housing office', async () => {
    const nationalId = aNationalId();
    const consentId = await consent(
      'cp-drammen-bolig-1',
      aConsent({ nationalId, purposes: ['benefit-deduction'], receivingOrganisationNumbers: [DRAMMEN.nav] }),
    );
    const body = {
      nationalId,
      name: 'Leietaker Eksempel',
      municipalityNumber: DRAMMEN.municipalityNumber,
      benefit: 'uforetrygd',
      monthlyAmount: 7500,
      accountNumber: '1234.56.78903',
      kid: '1234567890128',
      firstMonth: addCalendarDays(today(), 40).slice(0, 7),
      guardian: { name: 'Verge Eksempel' },
      consentId,
    };
    for (const [field, value, rule] of [
      ['accountNumber', '1234.56.78904', 'isNorwegianAccountNumber'],
      ['kid', '1234567890120', 'isKid'],
      ['monthlyAmount', 0, 'min'],
      ['monthlyAmount', 12.5, 'isInt'],
      ['firstMonth', '2026-13', 'matches'],
    ] as const) {
      const bad = await api()
        .post('/api/v1/referrals/benefit-deductions')
        .set(auth('cp-drammen-bolig-1'))
        .send({ ...body, [field]: value })
        .expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field, rule })]);
    }
    await api()
      .post('/api/v1/referrals/benefit-deductions')
      .set(auth('consultant-drammen-fengsel'))
      .send(body)
      .expect(403);

    const unknownMunicipality = await api()
      .post('/api/v1/referrals/benefit-deductions')
      .set(auth('cp-drammen-bolig-1'))
      .send({ ...body, municipalityNumber: '9999' })
      .expect(400);
    expect(unknownMunicipality.body.errors).toEqual([
      expect.objectContaining({ field: 'municipalityNumber', rule: 'isKommunenummer' }),
    ]);
    const stored = await db.query(`SELECT count(*)::int AS n FROM referral.referral WHERE person_key = $1`, [
      personKeyOf(nationalId),
    ]);
    expect(stored.rows[0].n).toBe(0);

    const id = await submit('benefit-deductions', 'cp-drammen-bolig-1', body);
    await delivered(id, 'cp-nav-drammen-1');
    const early = await step(id, 'deduction/activate', 'cp-nav-drammen-1').expect(409);
    expect(early.body.allowedNext).toEqual(expect.arrayContaining(['confirm-deduction', 'reject']));
    await step(id, 'deduction/confirm', 'cp-drammen-bolig-1', {
      firstDeductionDate: addCalendarDays(today(), 45),
    }).expect(403);
    const firstDeductionDate = addCalendarDays(today(), 45);
    await step(id, 'deduction/confirm', 'cp-nav-drammen-1', { firstDeductionDate }).expect(200);
    // Confirmed, but no money is taken before the first deduction date: not active yet.
    const notDue = await step(id, 'deduction/activate', 'cp-nav-drammen-1')
      .set('Accept-Language', 'nb')
      .expect(409);
    expect(notDue.body).toMatchObject({
      code: 'REFERRAL.DEDUCTION_NOT_DUE',
      firstDeductionDate,
      detail: `Trekket kan ikke aktiveres før første trekkdato, ${firstDeductionDate}.`,
    });
    // A change or a stop is asked for from a month, and takes effect when NAV confirms it.
    const effectiveMonth = firstDeductionDate.slice(0, 7);
    await step(id, 'deduction/amount', 'cp-nav-drammen-1', { monthlyAmount: 8000, effectiveMonth }).expect(
      403,
    );
    await step(id, 'deduction/amount', 'cp-drammen-bolig-1', { monthlyAmount: 8000, effectiveMonth }).expect(
      200,
    );
    await step(id, 'deduction/confirm-change', 'cp-drammen-bolig-1').expect(403);
    await step(id, 'deduction/confirm-change', 'cp-nav-drammen-1').expect(200);
    await step(id, 'deduction/stop', 'cp-drammen-bolig-1', {
      reasonCode: 'tenancy-ended',
      effectiveMonth,
    }).expect(200);
    const stop = await step(id, 'deduction/confirm-change', 'cp-nav-drammen-1').expect(200);
    expect(stop.body.status).toBe('completed');
    const final = await api().get(`/api/v1/referrals/${id}`).set(auth('cp-nav-drammen-1')).expect(200);
    expect(final.body).toMatchObject({
      status: 'completed',
      details: {
        deductionStatus: 'stopped',
        monthlyAmount: 8000,
        previousMonthlyAmount: 7500,
        accountNumber: '12345678903',
        stopReason: 'tenancy-ended',
      },
    });
    // The NAV clocks were met when NAV confirmed (the deduction, and each change asked for).
    await eventually(() => clocks('coord-nav-drammen', id), {
      until: (c) => c.length >= 2 && c.every((x) => x.status === 'met'),
    });
  });

  it('assessment request: documents attached, a request for information pauses the clock until the reply, then answered', async () => {
    const nationalId = aNationalId();
    const consentId = await consent(
      'cp-drammen-bolig-1',
      aConsent({ nationalId, purposes: ['assessment'], receivingOrganisationNumbers: [DRAMMEN.housing] }),
    );
    const id = await submit('assessment-requests', 'cp-drammen-bolig-1', {
      nationalId,
      name: 'Søker Eksempel',
      municipalityNumber: DRAMMEN.municipalityNumber,
      assessedBy: 'follow-up-substance-use',
      questions: ['Kan søker bo i ordinær kommunal bolig med oppfølging?'],
      documentReferences: [{ reference: 'ePhorte 2026/1234', title: 'Søknad om kommunal bolig' }],
      consentId,
    });
    const d = await delivered(id, 'cp-drammen-rus-1');
    expect(d.recipients).toEqual([
      expect.objectContaining({
        unitId: 'drammen-rus',
        holder: expect.objectContaining({ contactPersonId: 'cp-drammen-rus-1' }),
      }),
    ]);

    const upload = await api()
      .post(`/api/v1/referrals/${id}/attachments`)
      .set(auth('cp-drammen-bolig-1'))
      .attach('file', PDF, 'vedtak.pdf')
      .expect(201);
    expect(upload.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    await api()
      .post(`/api/v1/referrals/${id}/attachments`)
      .set(auth('cp-drammen-bolig-1'))
      .attach('file', Buffer.from('not a pdf'), 'x.pdf')
      .expect(400);
    const tooBig = await api()
      .post(`/api/v1/referrals/${id}/attachments`)
      .set(auth('cp-drammen-bolig-1'))
      .attach('file', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]), 'big.pdf')
      .expect(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    const file = await api()
      .get(`/api/v1/referrals/${id}/attachments/${upload.body.id}`)
      .set(auth('cp-drammen-rus-1'))
      .buffer(true)
      .expect(200);
    expect(file.headers['x-content-sha256']).toBe(upload.body.sha256);

    await step(id, 'information', 'cp-drammen-bolig-1', { information: 'x' }).expect(409);
    await step(id, 'information-requests', 'cp-drammen-rus-1', {
      question: 'Hvilke tjenester mottar søker i dag?',
    }).expect(200);
    await eventually(() => clocks('coord-drammen', id), {
      until: (c) => c.some((x) => x.kind === 'answer' && x.status === 'paused'),
      what: 'the clock paused',
    });
    await step(id, 'information', 'cp-drammen-bolig-1', {
      information: 'Oppfølging fra Senter for rusforebygging.',
      attachmentIds: [upload.body.id],
    }).expect(200);
    await eventually(() => clocks('coord-drammen', id), {
      until: (c) => c.some((x) => x.kind === 'answer' && x.status === 'open'),
      what: 'the clock resumed',
    });

    await step(id, 'assessment', 'cp-drammen-bolig-1', { assessment: 'x', recommendation: 'grant' }).expect(
      403,
    );
    await step(id, 'assessment', 'cp-drammen-rus-1', {
      assessment: 'Anbefaler bolig med oppfølging.',
      recommendation: 'grant',
    }).expect(200);
    await eventually(() => clocks('coord-drammen', id), {
      until: (c) => c.every((x) => x.status === 'met'),
      what: 'the clock met by the answer',
    });
    await step(id, 'complete', 'cp-drammen-bolig-1').expect(200);
    expect(await actions(id, 'cp-drammen-bolig-1')).toEqual([
      'submitted',
      'routed',
      'request-information',
      'provide-information',
      'answer-assessment',
      'complete',
    ]);
  });

  it('consent withdrawn mid-process: suspended at once, details withheld from recipients, clocks stopped, confirmations tracked', async () => {
    const nationalId = aNationalId();
    const consentId = await consent('consultant-drammen-fengsel', aConsent({ nationalId }));
    const id = await submit(
      'release-notices',
      'consultant-drammen-fengsel',
      aReleaseNotice({ nationalId, consentId }),
    );
    await delivered(id, 'cp-drammen-bolig-1');

    await api()
      .post(`/api/v1/consents/${consentId}/withdrawals`)
      .set(auth('cp-nav-baerum-1'))
      .send({})
      .expect(404);
    const w = await api()
      .post(`/api/v1/consents/${consentId}/withdrawals`)
      .set(auth('consultant-drammen-fengsel'))
      .send({})
      .expect(200);
    expect(w.body).toEqual({ consentId, status: 'withdrawn', suspendedReferralIds: [id] });

    const seen = await api().get(`/api/v1/referrals/${id}`).set(auth('cp-drammen-bolig-1')).expect(200);
    expect(seen.body).toMatchObject({
      status: 'suspended',
      person: null,
      details: null,
      personalDataWithheld: { code: 'REFERRAL.CONSENT_WITHDRAWN' },
    });
    const sender = await api()
      .get(`/api/v1/referrals/${id}`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(sender.body.person.nationalId).toBe(nationalId);
    expect(sender.body.suspension.notConfirmed).toEqual([DRAMMEN.housing, DRAMMEN.nav]);
    await eventually(() => clocks('coord-drammen', id), {
      until: (c) => c.length === 2 && c.every((x) => x.status === 'paused'),
      what: 'the housing clocks stopped',
    });

    const before = await api().get(`/api/v1/referrals/${id}`).set(auth('cp-drammen-bolig-1')).expect(200);
    expect(before.body.nextSteps).toEqual(['confirm-processing-stopped']);
    await step(id, 'confirm-processing-stopped', 'cp-drammen-bolig-1').expect(200);
    await step(id, 'confirm-processing-stopped', 'cp-drammen-bolig-1').expect(409);
    // Confirmed once, it is not offered again (nextSteps offers only what answers neither 403 nor 409).
    const after = await api().get(`/api/v1/referrals/${id}`).set(auth('cp-drammen-bolig-1')).expect(200);
    expect(after.body.nextSteps).toEqual([]);
    const coordinator = await api().get(`/api/v1/referrals/${id}`).set(auth('coord-nav-drammen')).expect(200);
    expect(coordinator.body.suspension.notConfirmed).toEqual([DRAMMEN.nav]);
    // A new referral under the withdrawn consent is refused, and nothing is stored.
    const refused = await api()
      .post('/api/v1/referrals/release-notices')
      .set(auth('consultant-drammen-fengsel'))
      .send(aReleaseNotice({ nationalId, consentId }))
      .expect(422);
    expect(refused.body.code).toBe('REFERRAL.CONSENT_WITHDRAWN');
    const ledger = await api()
      .get(`/api/v1/consents/${consentId}`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(ledger.body).toMatchObject({
      status: 'withdrawn',
      ledger: [{ kind: 'withdrawn', scope: 'whole' }],
    });
    expect(ledger.body.person).not.toContain(nationalId.slice(6));
  });

  it('a partial withdrawal suspends only what it touches: withdrawn for NAV, the housing service goes on', async () => {
    const nationalId = aNationalId();
    const consentId = await consent(
      'consultant-drammen-fengsel',
      aConsent({ nationalId, purposes: ['release-housing', 'assessment'] }),
    );
    const id = await submit(
      'release-notices',
      'consultant-drammen-fengsel',
      aReleaseNotice({ nationalId, consentId }),
    );
    await delivered(id, 'cp-drammen-bolig-1');
    const byPurpose = await api()
      .post(`/api/v1/consents/${consentId}/withdrawals`)
      .set(auth('consultant-drammen-fengsel'))
      .send({ purposes: ['assessment'] })
      .expect(200);
    expect(byPurpose.body).toEqual({ consentId, status: 'active', suspendedReferralIds: [] });
    // Withdrawn for NAV only: the housing service goes on with the referral, NAV must stop.
    const byOrg = await api()
      .post(`/api/v1/consents/${consentId}/withdrawals`)
      .set(auth('cp-nav-drammen-1'))
      .send({ organisationNumbers: [DRAMMEN.nav] })
      .expect(200);
    expect(byOrg.body).toEqual({ consentId, status: 'active', suspendedReferralIds: [] });

    const housing = await api().get(`/api/v1/referrals/${id}`).set(auth('cp-drammen-bolig-1')).expect(200);
    expect(housing.body).toMatchObject({ status: 'delivered', personalDataWithheld: null });
    expect(housing.body.person).not.toBeNull();
    expect(housing.body.nextSteps).toContain('report-housing-outcome');
    await step(id, 'housing-outcome', 'cp-drammen-bolig-1', { outcome: 'application-received' }).expect(200);

    const nav = await api().get(`/api/v1/referrals/${id}`).set(auth('cp-nav-drammen-1')).expect(200);
    expect(nav.body).toMatchObject({
      status: 'answered',
      person: null,
      details: null,
      personalDataWithheld: { code: 'REFERRAL.CONSENT_WITHDRAWN' },
      nextSteps: ['confirm-processing-stopped'],
    });
    // Nor may it take the case on by acknowledging it.
    const ack = await api()
      .post(`/api/v1/referrals/${id}/acknowledge`)
      .set(auth('cp-nav-drammen-1'))
      .expect(409);
    expect(ack.body).toMatchObject({
      code: 'REFERRAL.CONSENT_WITHDRAWN_FOR_RECIPIENT',
      requestedStep: 'acknowledge',
    });
    const refused = await step(id, 'reject', 'cp-nav-drammen-1', { reason: 'Ikke for oss' })
      .set('Accept-Language', 'nb')
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'REFERRAL.CONSENT_WITHDRAWN_FOR_RECIPIENT',
      allowedNext: ['confirm-processing-stopped'],
      detail: expect.stringMatching(/^Personen har trukket tilbake samtykket for organisasjonen din/),
    });
    const history = await api()
      .get(`/api/v1/referrals/${id}/history`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(history.body.items.map((h: { action: string }) => h.action)).toContain('withheld-from-recipients');
    const asked = await api()
      .get(`/api/v1/referrals/${id}`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(asked.body.suspension).toMatchObject({ notConfirmed: [DRAMMEN.nav] });
    await step(id, 'confirm-processing-stopped', 'cp-nav-drammen-1').expect(200);
    const after = await api()
      .get(`/api/v1/referrals/${id}`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(after.body).toMatchObject({ status: 'answered', suspension: { notConfirmed: [] } });
    // The housing service still works on it.
    await step(id, 'housing-outcome', 'cp-drammen-bolig-1', { outcome: 'housing-granted' }).expect(200);
  });

  it('flags the same person from two senders as a possible duplicate for the recipient, without merging', async () => {
    const nationalId = aNationalId();
    const c1 = await consent('consultant-drammen-fengsel', aConsent({ nationalId }));
    const first = await submit(
      'release-notices',
      'consultant-drammen-fengsel',
      aReleaseNotice({ nationalId, consentId: c1 }),
    );
    const c2 = await consent('consultant-ringerike-fengsel', aConsent({ nationalId }));
    const res = await api()
      .post('/api/v1/referrals/release-notices')
      .set(auth('consultant-ringerike-fengsel'))
      .send(aReleaseNotice({ nationalId, consentId: c2 }))
      .expect(201);
    expect(res.body.possibleDuplicates).toEqual([first]);
    const second: string = res.body.id;
    await delivered(second, 'cp-drammen-bolig-1');
    const inbox = await api().get('/api/v1/referrals/inbox').set(auth('cp-drammen-bolig-1')).expect(200);
    const items = inbox.body.items.filter((i: { id: string }) => i.id === first || i.id === second);
    expect(items).toHaveLength(2);
    expect(items.find((i: { id: string }) => i.id === first).possibleDuplicates).toEqual([second]);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM referral.referral WHERE person_key = $1`,
      [personKeyOf(nationalId)],
    );
    expect(rows[0].n).toBe(2);
  });

  it('expires consents past their last day and suspends what relied on them', async () => {
    const nationalId = aNationalId();
    const consentId = await consent(
      'consultant-drammen-fengsel',
      aConsent({ nationalId, validTo: addCalendarDays(today(), 5) }),
    );
    const id = await submit(
      'release-notices',
      'consultant-drammen-fengsel',
      aReleaseNotice({ nationalId, consentId }),
    );
    await delivered(id, 'cp-drammen-bolig-1');
    // The sweep runs on a timer; here it runs once as if it were a week from now.
    const expired = await hub.apps.referral
      .get(ConsentLedgerService)
      .expire(new Date(Date.now() + 7 * 86400_000));
    expect(expired).toBeGreaterThanOrEqual(1);
    const seen = await api().get(`/api/v1/referrals/${id}`).set(auth('cp-nav-drammen-1')).expect(200);
    expect(seen.body).toMatchObject({
      status: 'suspended',
      personalDataWithheld: { code: 'REFERRAL.CONSENT_EXPIRED' },
    });
    await eventually(() => recorder.envelopes('consent.expired.v1', consentId), {
      until: (e) => e.length === 1,
    });
  });

  it('publishes every message type without a national ID, a name or referral details', () => {
    const seen = new Set(recorder.messages.map((m) => m.topic));
    for (const t of [
      'referral.submitted.v1',
      'referral.progressed.v1',
      'referral.anchor-date-changed.v1',
      'consent.registered.v1',
      'consent.withdrawn.v1',
      'consent.expired.v1',
      'routing.referral-routed.v1',
      'deadline.opened.v1',
      'deadline.met.v1',
      'deadline.stopped.v1',
      'deadline.resumed.v1',
    ]) {
      expect(seen).toContain(t);
    }
    const details = [
      '"cannot-return"',
      '"mental-health"',
      'Døgnpost',
      'uforetrygd',
      '12345678903',
      '1234567890128',
      'Verge',
      'ordinær kommunal bolig',
      'ePhorte',
      'rusforebygging.',
      'Anbefaler',
      'Fremskutt',
    ];
    for (const m of recorder.messages) {
      const text = `${m.key ?? ''} ${m.value ?? ''} ${JSON.stringify(m.headers)}`;
      expect(text).not.toMatch(/\b\d{11}\b/);
      for (const secret of [...personalData, ...details]) expect(text).not.toContain(secret);
    }
  });
});
