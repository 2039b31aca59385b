import request from 'supertest';
import { ALL_TOPICS } from '@overgang/contracts';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aBenefitDeduction,
  aConsent,
  aDischargeNotice,
  aNationalId,
  aReleaseNotice,
  DRAMMEN,
  eventually,
  tokenFor,
  TopicRecorder,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const today = () => osloDate(new Date());
const STAFF = 'staff-vestre-viken-dps-drammen';
const BOLIG = 'cp-drammen-bolig-1';
const NAV = 'cp-nav-drammen-1';
/** Free text given in the steps below: it must reach the history, and never a Kafka message. */
const NAV_NOTE = 'Møte med veileder avtalt hos NAV Drammen';
const REJECTION = 'Personen bor ikke i vår bydel';

type Recipient = {
  unitId: string;
  navOutcome: { code: string; at: string; note: string | null } | null;
  rejection: { code: string; at: string; reason: string | null } | null;
};

describe('lifecycle outcomes: readmission, early leave, NAV outcomes and confirmed deduction changes', () => {
  let hub: Hub;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    hub = await startHub();
    recorder = new TopicRecorder((process.env.KAFKA_BROKERS as string).split(','), ALL_TOPICS);
    await recorder.start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await hub?.stop();
  });

  const api = () => request(hub.gateway);
  const step = (id: string, path: string, user: string, body: object = {}) =>
    api().post(`/api/v1/referrals/${id}/${path}`).set(auth(user)).send(body);
  const view = async (id: string, user: string) =>
    (await api().get(`/api/v1/referrals/${id}`).set(auth(user)).expect(200)).body;
  const recipient = (body: { recipients: Recipient[] }, unitId: string) =>
    body.recipients.find((r) => r.unitId === unitId) as Recipient;
  /** The newest history entry of a step; the deadline service's warnings may come in between. */
  const lastStep = async (id: string, user: string, action: string) =>
    (
      (await api().get(`/api/v1/referrals/${id}/history`).set(auth(user)).expect(200)).body.items as Array<{
        action: string;
      }>
    )
      .filter((e) => e.action === action)
      .at(-1);
  const progressed = (id: string, action: string) =>
    eventually(
      () => recorder.envelopes('referral.progressed.v1', id).filter((e) => e.payload.action === action),
      { until: (e) => e.length > 0, what: `${action} published for ${id}` },
    );

  async function submitted(path: string, user: string, consent: object, body: object): Promise<string> {
    const consentId = (await api().post('/api/v1/consents').set(auth(user)).send(consent).expect(201)).body
      .id;
    const res = await api()
      .post(`/api/v1/referrals/${path}`)
      .set(auth(user))
      .send({ ...body, consentId })
      .expect(201);
    const id: string = res.body.id;
    await eventually(() => view(id, user), {
      until: (d) => d.status === 'delivered',
      what: `referral ${id} delivered`,
    });
    return id;
  }

  async function dischargeNotice(): Promise<{ id: string; consentId: string }> {
    const nationalId = aNationalId();
    const consent = aConsent({ nationalId, purposes: ['discharge-housing'] });
    const consentId = (await api().post('/api/v1/consents').set(auth(STAFF)).send(consent).expect(201)).body
      .id;
    const res = await api()
      .post('/api/v1/referrals/discharge-notices')
      .set(auth(STAFF))
      .send(aDischargeNotice({ nationalId, consentId }))
      .expect(201);
    await eventually(() => view(res.body.id, STAFF), { until: (d) => d.status === 'delivered' });
    return { id: res.body.id, consentId };
  }

  it('a readmission after the discharge reopens the referral in the status it had; not while still admitted', async () => {
    const { id } = await dischargeNotice();
    await step(id, 'acknowledge', BOLIG).expect(200);
    await step(id, 'acknowledge', NAV).expect(200);
    const stillIn = await step(id, 'readmitted', STAFF, { admissionDate: today() })
      .set('Accept-Language', 'nb')
      .expect(409);
    expect(stillIn.body).toMatchObject({
      code: 'REFERRAL.STILL_ADMITTED',
      detail: expect.stringMatching(/^Pasienten er fortsatt innlagt/),
    });
    expect((await view(id, STAFF)).nextSteps).not.toContain('mark-readmitted');

    const dischargedOn = addCalendarDays(today(), -1);
    await step(id, 'discharged', STAFF, { dischargedOn }).expect(200);
    const completed = await view(id, STAFF);
    expect(completed).toMatchObject({ status: 'completed', nextSteps: ['mark-readmitted'] });

    const tooEarly = await step(id, 'readmitted', STAFF, { admissionDate: addCalendarDays(today(), -2) })
      .set('Accept-Language', 'nb')
      .expect(400);
    expect(tooEarly.body).toMatchObject({
      code: 'REFERRAL.INVALID_DATES',
      field: 'admissionDate',
      detail: `Den nye innleggelsesdatoen må være samme dag som eller etter ${dischargedOn}, da pasienten dro.`,
    });
    const reopened = await step(id, 'readmitted', STAFF, { admissionDate: today() }).expect(200);
    expect(reopened.body.status).toBe('acknowledged');
    const after = await view(id, STAFF);
    expect(after.details).toMatchObject({ admissionDate: today(), readmittedOn: today() });
    expect(after.details.dischargedOn).toBeUndefined();
    expect(after.nextSteps).toEqual(expect.arrayContaining(['mark-discharged', 'mark-left-early']));
    expect(after.nextSteps).not.toContain('mark-readmitted');
    expect(await lastStep(id, STAFF, 'mark-readmitted')).toMatchObject({
      action: 'mark-readmitted',
      fromStatus: 'completed',
      toStatus: 'acknowledged',
      facts: { code: 'readmitted', reasonCode: 'after-discharge', stayEndedOn: dischargedOn },
    });
    const [event] = await progressed(id, 'mark-readmitted');
    expect(event.payload).toMatchObject({
      fromStatus: 'completed',
      toStatus: 'acknowledged',
      code: 'readmitted',
    });
    // Open again: the stay can end once more.
    await step(id, 'discharged', STAFF).expect(200);
  });

  it('an early leave keeps it open, takes the day the patient left, and needs a readmission before another', async () => {
    const { id } = await dischargeNotice();
    const future = await step(id, 'left-early', STAFF, { leftOn: addCalendarDays(today(), 1) }).expect(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'leftOn' })]);
    const beforeAdmission = await step(id, 'left-early', STAFF, { leftOn: addCalendarDays(today(), -4) })
      .set('Accept-Language', 'nb')
      .expect(400);
    expect(beforeAdmission.body).toMatchObject({ code: 'REFERRAL.INVALID_DATES', field: 'leftOn' });

    const leftOn = addCalendarDays(today(), -1);
    const left = await step(id, 'left-early', STAFF, { leftOn, note: 'Dro fra avdelingen' }).expect(200);
    expect(left.body.status).toBe('delivered');
    const [event] = await progressed(id, 'mark-left-early');
    expect(event.payload).toMatchObject({
      fromStatus: 'delivered',
      toStatus: 'delivered',
      code: 'left-early',
    });
    const open = await view(id, STAFF);
    expect(open).toMatchObject({ status: 'delivered', anchorDate: leftOn, details: { leftEarlyOn: leftOn } });
    expect(open.nextSteps).toEqual(expect.arrayContaining(['mark-readmitted', 'mark-discharged']));
    expect(open.nextSteps).not.toContain('mark-left-early');
    const twice = await step(id, 'left-early', STAFF).set('Accept-Language', 'nb').expect(409);
    expect(twice.body).toMatchObject({ code: 'REFERRAL.ALREADY_LEFT', leftEarlyOn: leftOn });

    await step(id, 'readmitted', STAFF, { admissionDate: today() }).expect(200);
    expect(await lastStep(id, STAFF, 'mark-readmitted')).toMatchObject({
      action: 'mark-readmitted',
      fromStatus: 'delivered',
      toStatus: 'delivered',
      facts: { reasonCode: 'after-left-early', stayEndedOn: leftOn },
    });
    await step(id, 'left-early', STAFF).expect(200);
  });

  it('a completed discharge notice does not reopen once its consent is withdrawn', async () => {
    const { id, consentId } = await dischargeNotice();
    await step(id, 'discharged', STAFF).expect(200);
    await api().post(`/api/v1/consents/${consentId}/withdrawals`).set(auth(STAFF)).send({}).expect(200);
    const refused = await step(id, 'readmitted', STAFF, { admissionDate: today() }).expect(409);
    expect(refused.body).toMatchObject({ code: 'REFERRAL.CONSENT_WITHDRAWN' });
    expect((await view(id, STAFF)).status).toBe('completed');
  });

  it("NAV's outcome and a recipient's rejection are shown to the sender per recipient; the free text only to who may read it", async () => {
    const consultant = 'consultant-drammen-fengsel';
    const nationalId = aNationalId();
    const id = await submitted(
      'release-notices',
      consultant,
      aConsent({ nationalId }),
      aReleaseNotice({ nationalId }),
    );
    await step(id, 'nav-outcome', BOLIG, { outcome: 'follow-up-meeting-booked' }).expect(403);
    await step(id, 'nav-outcome', NAV, { outcome: 'granted' }).expect(400);
    const noNote = await step(id, 'nav-outcome', NAV, { outcome: 'other' })
      .set('Accept-Language', 'nb')
      .expect(400);
    expect(noNote.body).toMatchObject({ code: 'REFERRAL.NOTE_REQUIRED', field: 'note' });
    const recorded = await step(id, 'nav-outcome', NAV, {
      outcome: 'follow-up-meeting-booked',
      note: NAV_NOTE,
    }).expect(200);
    expect(recorded.body.status).toBe('delivered');
    const [event] = await progressed(id, 'record-nav-outcome');
    expect(event.payload).toMatchObject({
      recipientUnitId: 'nav-drammen-sosial',
      code: 'follow-up-meeting-booked',
      fromStatus: 'delivered',
      toStatus: 'delivered',
    });

    await step(id, 'reject', BOLIG, { reason: REJECTION }).expect(200);
    const again = await step(id, 'reject', BOLIG, { reason: REJECTION }).expect(409);
    expect(again.body.code).toBe('REFERRAL.ALREADY_REJECTED');
    expect((await view(id, BOLIG)).nextSteps).not.toContain('reject');

    const sender = await view(id, consultant);
    expect(recipient(sender, 'nav-drammen-sosial')).toMatchObject({
      navOutcome: { code: 'follow-up-meeting-booked', at: expect.any(String), note: NAV_NOTE },
      rejection: null,
    });
    expect(recipient(sender, 'drammen-boligtjenesten')).toMatchObject({
      navOutcome: null,
      rejection: { code: 'rejected', at: expect.any(String), reason: REJECTION },
    });
    // Once the consent is gone the recipients keep the codes, not the free text; the sender keeps both.
    await api()
      .post(`/api/v1/consents/${sender.consentId}/withdrawals`)
      .set(auth(consultant))
      .send({})
      .expect(200);
    const withheld = await view(id, NAV);
    expect(withheld.personalDataWithheld).not.toBeNull();
    expect(recipient(withheld, 'nav-drammen-sosial').navOutcome).toMatchObject({
      code: 'follow-up-meeting-booked',
      note: null,
    });
    expect(recipient(withheld, 'drammen-boligtjenesten').rejection).toMatchObject({
      code: 'rejected',
      reason: null,
    });
    expect(recipient(await view(id, consultant), 'drammen-boligtjenesten').rejection?.reason).toBe(REJECTION);
  });

  it('a change of amount and a stop are asked for from a month, one at a time, and take effect when NAV confirms', async () => {
    const nationalId = aNationalId();
    const id = await submitted(
      'benefit-deductions',
      BOLIG,
      aConsent({ nationalId, purposes: ['benefit-deduction'], receivingOrganisationNumbers: [DRAMMEN.nav] }),
      aBenefitDeduction({ nationalId }),
    );
    const firstDeductionDate = addCalendarDays(today(), 45);
    const firstMonth = firstDeductionDate.slice(0, 7);
    await step(id, 'deduction/confirm', NAV, { firstDeductionDate }).expect(200);
    // Not offered before the first deduction date: nextSteps lists only what would be taken.
    expect((await view(id, NAV)).nextSteps).not.toContain('activate-deduction');
    expect((await view(id, NAV)).nextSteps).not.toContain('confirm-deduction-change');

    const early = await step(id, 'deduction/amount', BOLIG, {
      monthlyAmount: 8000,
      effectiveMonth: today().slice(0, 7),
    })
      .set('Accept-Language', 'nb')
      .expect(400);
    expect(early.body).toMatchObject({
      code: 'REFERRAL.INVALID_DATES',
      field: 'effectiveMonth',
      notBefore: firstMonth,
      detail: `Endringen kan tidligst gjelde fra ${firstMonth}.`,
    });
    await step(id, 'deduction/amount', BOLIG, { monthlyAmount: 8000 }).expect(400);
    const asked = await step(id, 'deduction/amount', BOLIG, {
      monthlyAmount: 8000,
      effectiveMonth: firstMonth,
    }).expect(200);
    expect(asked.body.status).toBe('answered');
    const pending = await view(id, BOLIG);
    expect(pending.details).toMatchObject({
      monthlyAmount: 7500,
      pendingChange: { kind: 'amount', monthlyAmount: 8000, effectiveMonth: firstMonth },
    });
    expect(pending.nextSteps).toEqual(['withdraw']);
    const second = await step(id, 'deduction/stop', BOLIG, {
      reasonCode: 'by-request',
      effectiveMonth: firstMonth,
    })
      .set('Accept-Language', 'nb')
      .expect(409);
    expect(second.body).toMatchObject({
      code: 'REFERRAL.CHANGE_PENDING',
      pendingChange: { kind: 'amount', effectiveMonth: firstMonth },
      detail: expect.stringMatching(/^En endring av trekket venter allerede/),
    });
    expect((await view(id, NAV)).nextSteps).toContain('confirm-deduction-change');
    await step(id, 'deduction/confirm-change', BOLIG).expect(403);
    await step(id, 'deduction/confirm-change', NAV).expect(200);
    const changed = await view(id, BOLIG);
    expect(changed.details).toMatchObject({
      monthlyAmount: 8000,
      previousMonthlyAmount: 7500,
      monthlyAmountFrom: firstMonth,
      pendingChange: null,
    });
    const none = await step(id, 'deduction/confirm-change', NAV).expect(409);
    expect(none.body.code).toBe('REFERRAL.NO_CHANGE_PENDING');

    const lastMonth = addCalendarDays(`${today().slice(0, 7)}-01`, -1).slice(0, 7);
    await step(id, 'deduction/stop', BOLIG, {
      reasonCode: 'tenancy-ended',
      effectiveMonth: lastMonth,
    }).expect(400);
    const stop = await step(id, 'deduction/stop', BOLIG, {
      reasonCode: 'tenancy-ended',
      effectiveMonth: firstMonth,
    }).expect(200);
    expect(stop.body.status).toBe('answered');
    const done = await step(id, 'deduction/confirm-change', NAV).expect(200);
    expect(done.body.status).toBe('completed');
    expect((await view(id, BOLIG)).details).toMatchObject({
      deductionStatus: 'stopped',
      stopReason: 'tenancy-ended',
      stoppedFrom: firstMonth,
      monthlyAmount: 8000,
    });
    const events = await eventually(() => recorder.envelopes('referral.progressed.v1', id), {
      until: (e) => e.filter((m) => m.payload.action === 'confirm-deduction-change').length === 2,
    });
    const changes = ['change-amount', 'stop-deduction', 'confirm-deduction-change'];
    expect(
      events
        .filter((e) => changes.includes(String(e.payload.action)))
        .map((e) => [e.payload.action, e.payload.code, e.payload.fromStatus, e.payload.toStatus]),
    ).toEqual([
      ['change-amount', 'amount-change-requested', 'answered', 'answered'],
      ['confirm-deduction-change', 'change-confirmed', 'answered', 'answered'],
      ['stop-deduction', 'stop-requested', 'answered', 'answered'],
      ['confirm-deduction-change', 'change-confirmed', 'answered', 'completed'],
    ]);
  });

  it('publishes no note or reason given in these steps', () => {
    expect(recorder.messages.length).toBeGreaterThan(0);
    for (const m of recorder.messages) {
      const text = `${m.key ?? ''} ${m.value ?? ''} ${JSON.stringify(m.headers)}`;
      for (const secret of [NAV_NOTE, REJECTION, 'Dro fra avdelingen']) expect(text).not.toContain(secret);
    }
  });
});
