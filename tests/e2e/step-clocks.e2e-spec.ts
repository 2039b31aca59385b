import request from 'supertest';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aBenefitDeduction,
  aConsent,
  aDischargeNotice,
  aNationalId,
  DRAMMEN,
  eventually,
  tokenFor,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const today = () => osloDate(new Date());
const STAFF = 'staff-vestre-viken-dps-drammen';
const BOLIG = 'cp-drammen-bolig-1';
const NAV = 'cp-nav-drammen-1';

type Clock = {
  id: string;
  kind: string;
  round: number;
  status: string;
  openedReason: string | null;
  stopReason: string | null;
  anchorDate: string | null;
  recipientUnitId: string;
};

/** Clocks a step opens, through the real hub: a readmission's new round and a deduction change. */
describe('clocks a step opens, end to end', () => {
  let hub: Hub;
  const api = () => request(hub.gateway);
  const step = (id: string, path: string, user: string, body: object = {}) =>
    api().post(`/api/v1/referrals/${id}/${path}`).set(auth(user)).send(body);
  const clocks = async (user: string, referralId: string) =>
    (await api().get(`/api/v1/deadlines?referralId=${referralId}`).set(auth(user)).expect(200)).body
      .items as Clock[];
  const waitFor = (user: string, referralId: string, what: string, ok: (c: Clock[]) => boolean) =>
    eventually(() => clocks(user, referralId), { until: ok, what });
  const of = (cs: Clock[], kind: string, round = 1) => cs.find((c) => c.kind === kind && c.round === round);

  beforeAll(async () => {
    hub = await startHub();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('reopens the housing plan after a discharge when the patient is readmitted, paused until a new discharge date', async () => {
    const nationalId = aNationalId();
    const consent = await api()
      .post('/api/v1/consents')
      .set(auth(STAFF))
      .send(aConsent({ nationalId, purposes: ['discharge-housing'] }))
      .expect(201);
    const submitted = await api()
      .post('/api/v1/referrals/discharge-notices')
      .set(auth(STAFF))
      .send(
        aDischargeNotice({
          nationalId,
          consentId: consent.body.id,
          plannedDischargeDate: addCalendarDays(today(), 30),
        }),
      )
      .expect(201);
    const id = submitted.body.id as string;
    await waitFor('coord-drammen', id, 'the housing plan', (c) => of(c, 'housing-plan')?.status === 'open');

    await step(id, 'discharged', STAFF).expect(200);
    await waitFor(
      'coord-drammen',
      id,
      'the plan cancelled',
      (c) => of(c, 'housing-plan')?.status === 'cancelled',
    );
    await step(id, 'readmitted', STAFF, { admissionDate: today() }).expect(200);
    const back = await waitFor(
      'coord-drammen',
      id,
      'a new round',
      (c) => of(c, 'housing-plan', 2) !== undefined,
    );
    expect(of(back, 'housing-plan', 2)).toMatchObject({
      status: 'paused',
      openedReason: 'READMITTED',
      stopReason: 'READMITTED',
    });
    // The holder sees the new round among the clocks they hold.
    expect((await clocks(BOLIG, id)).map((c) => `${c.kind}/${c.round}`)).toContain('housing-plan/2');

    const next = addCalendarDays(today(), 40);
    await step(id, 'discharge-date', STAFF, { plannedDischargeDate: next }).expect(200);
    const running = await waitFor('coord-drammen', id, 'the new round running', (c) =>
      ['open', 'breached'].includes(of(c, 'housing-plan', 2)?.status ?? ''),
    );
    expect(of(running, 'housing-plan', 2)).toMatchObject({ anchorDate: next, stopReason: null });
    expect(of(running, 'housing-plan', 1)?.status).toBe('cancelled');
  });

  it('gives NAV a clock to confirm a change of amount, met when NAV confirms it', async () => {
    const nationalId = aNationalId();
    const consent = await api()
      .post('/api/v1/consents')
      .set(auth(BOLIG))
      .send(
        aConsent({
          nationalId,
          purposes: ['benefit-deduction'],
          receivingOrganisationNumbers: [DRAMMEN.nav],
        }),
      )
      .expect(201);
    const submitted = await api()
      .post('/api/v1/referrals/benefit-deductions')
      .set(auth(BOLIG))
      .send(aBenefitDeduction({ nationalId, consentId: consent.body.id }))
      .expect(201);
    const id = submitted.body.id as string;
    await waitFor(NAV, id, 'NAV’s clocks', (c) => of(c, 'confirm-deduction') !== undefined);
    const firstDeductionDate = addCalendarDays(today(), 45);
    await step(id, 'deduction/confirm', NAV, { firstDeductionDate }).expect(200);
    await step(id, 'deduction/amount', BOLIG, {
      monthlyAmount: 8000,
      effectiveMonth: firstDeductionDate.slice(0, 7),
    }).expect(200);
    const asked = await waitFor(NAV, id, 'the change clock', (c) => of(c, 'confirm-change') !== undefined);
    expect(of(asked, 'confirm-change')).toMatchObject({
      status: 'open',
      openedReason: 'DEDUCTION_CHANGE_REQUESTED',
      recipientUnitId: 'nav-drammen-sosial',
    });
    await step(id, 'deduction/confirm-change', NAV).expect(200);
    const met = await waitFor(NAV, id, 'the change met', (c) => of(c, 'confirm-change')?.status === 'met');
    expect(met.filter((c) => c.kind === 'confirm-change')).toHaveLength(1);
  });
});
