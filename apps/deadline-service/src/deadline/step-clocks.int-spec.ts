import { randomUUID } from 'crypto';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  REFERRAL_ROUTED_V1,
} from '@overgang/contracts';
import { addCalendarDays, endOfOsloDay, osloDate } from '@overgang/core';
import { addWorkingDays } from '@overgang/norway';
import { eventually } from '@overgang/testing';
import { DeadlineUnderTest, startDeadlineUnderTest } from '../../../../tests/support/deadline-service';

const NAV = {
  organisationNumber: '100000024',
  unitId: 'nav-drammen-sosial',
  unitKind: 'nav-social-services',
};
const HOUSING = {
  organisationNumber: '100000016',
  unitId: 'drammen-boligtjenesten',
  unitKind: 'housing-service',
};
const HOSPITAL = '100000040';
const inDays = (n: number) => addCalendarDays(osloDate(new Date()), n);

type ClockRow = {
  id: string;
  kind: string;
  round: number;
  status: string;
  due_at: Date;
  anchor_date: string | null;
  paused_reason: string | null;
  opened_reason: string | null;
  recipient_unit_id: string;
};

/** Clocks opened by a step: one mechanism in the catalogue, rounds, and events late or twice. */
describe('clocks a step opens, on the real database and broker', () => {
  let ds: DataSource;
  let producer: Producer;

  let service: DeadlineUnderTest;

  beforeAll(async () => {
    service = await startDeadlineUnderTest('deadline-steps');
    ({ ds, producer } = service);
  });

  afterAll(async () => {
    await service?.stop();
  });

  async function send(topic: string, referralId: string, payload: object, sequence: number): Promise<void> {
    await producer.send({
      topic,
      messages: [
        {
          key: referralId,
          value: JSON.stringify({
            id: randomUUID(),
            type: topic,
            occurredAt: new Date().toISOString(),
            producer: topic === REFERRAL_ROUTED_V1 ? 'routing-service' : 'referral-service',
            correlationId: 'test-step-clocks',
            causationId: null,
            key: referralId,
            sequence,
            payload,
          }),
        },
      ],
    });
  }

  function route(referralId: string, referralType: string, units: Array<typeof NAV>, anchorDate?: string) {
    return send(
      REFERRAL_ROUTED_V1,
      referralId,
      {
        referralId,
        referralType,
        recipients: units.map((u) => ({
          ...u,
          contactPersonId: u === NAV ? 'cp-nav-drammen-1' : 'cp-drammen-bolig-1',
          assignment: 'primary',
          reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
          reason: 'test',
        })),
        routedAt: new Date(Date.now() - 60_000).toISOString(),
        ...(anchorDate ? { anchorDate } : {}),
      },
      1,
    );
  }

  type Step = {
    action: string;
    from?: string;
    to?: string;
    unitId?: string | null;
    code?: string | null;
    at?: Date;
  };
  function step(referralId: string, referralType: string, s: Step, sequence: number) {
    return send(
      REFERRAL_PROGRESSED_V1,
      referralId,
      {
        referralId,
        referralType,
        action: s.action,
        fromStatus: s.from ?? 'acknowledged',
        toStatus: s.to ?? s.from ?? 'acknowledged',
        actorOrganisationNumber: s.unitId === NAV.unitId ? NAV.organisationNumber : HOSPITAL,
        recipientUnitId: s.unitId ?? null,
        code: s.code ?? null,
        at: (s.at ?? new Date()).toISOString(),
      },
      sequence,
    );
  }

  const clocks = (referralId: string) =>
    ds.query<ClockRow[]>(
      `SELECT id, kind, round, status, due_at, to_char(anchor_date, 'YYYY-MM-DD') AS anchor_date,
              paused_reason, opened_reason, recipient_unit_id
       FROM clock WHERE referral_id = $1 ORDER BY kind, round`,
      [referralId],
    );
  const until = (referralId: string, what: string, ok: (c: ClockRow[]) => boolean) =>
    eventually(() => clocks(referralId), { until: ok, what });
  const one = (cs: ClockRow[], kind: string, round = 1) =>
    cs.find((c) => c.kind === kind && c.round === round);

  it('opens the follow-up clock when the patient leaves early, in place of the housing plan, met by the housing outcome', async () => {
    const referralId = randomUUID();
    await route(referralId, 'discharge-notice', [HOUSING], inDays(30));
    await until(referralId, 'the housing plan', (c) => one(c, 'housing-plan')?.status === 'open');

    await step(referralId, 'discharge-notice', { action: 'mark-left-early', code: 'left-early' }, 2);
    const left = await until(referralId, 'the follow-up', (c) => one(c, 'follow-up') !== undefined);
    expect(one(left, 'follow-up')).toMatchObject({ status: 'open', opened_reason: 'LEFT_EARLY' });
    // Two working days from today, at the end of the day in Oslo.
    expect(one(left, 'follow-up')!.due_at.getTime()).toBe(
      endOfOsloDay(addWorkingDays(osloDate(new Date()), 2)).getTime(),
    );
    // One duty, one deadline: the plan against a discharge date that has passed is taken over.
    expect(one(left, 'housing-plan')).toMatchObject({ status: 'cancelled', paused_reason: 'LEFT_EARLY' });

    // The date moved to today (left-early) arrives after: the cancelled plan stays cancelled.
    await send(
      REFERRAL_ANCHOR_DATE_CHANGED_V1,
      referralId,
      {
        referralId,
        referralType: 'discharge-notice',
        anchorKind: 'planned-discharge',
        from: inDays(30),
        to: inDays(0),
        reasonCode: 'left-early',
        changedAt: new Date().toISOString(),
      },
      3,
    );
    await step(
      referralId,
      'discharge-notice',
      { action: 'report-housing-outcome', unitId: HOUSING.unitId, to: 'answered', code: 'temporary-housing' },
      4,
    );
    const met = await until(referralId, 'the follow-up met', (c) => one(c, 'follow-up')?.status === 'met');
    expect(one(met, 'housing-plan')?.status).toBe('cancelled');
    expect(met.filter((c) => c.kind === 'follow-up')).toHaveLength(1);
  });

  it('opens no follow-up when the housing plan was already met', async () => {
    const referralId = randomUUID();
    await route(referralId, 'discharge-notice', [HOUSING], inDays(30));
    await until(referralId, 'the housing plan', (c) => one(c, 'housing-plan') !== undefined);
    await step(
      referralId,
      'discharge-notice',
      { action: 'report-housing-outcome', unitId: HOUSING.unitId, to: 'answered', code: 'contract-signed' },
      2,
    );
    await until(referralId, 'the plan met', (c) => one(c, 'housing-plan')?.status === 'met');
    await step(referralId, 'discharge-notice', { action: 'mark-left-early', from: 'answered' }, 3);
    // The date moved to today comes after the step on the same key: once it is stored, the step was applied.
    await send(
      REFERRAL_ANCHOR_DATE_CHANGED_V1,
      referralId,
      {
        referralId,
        referralType: 'discharge-notice',
        anchorKind: 'planned-discharge',
        from: inDays(30),
        to: inDays(0),
        reasonCode: 'left-early',
        changedAt: new Date().toISOString(),
      },
      4,
    );
    await eventually(
      async () =>
        (
          await ds.query<Array<{ d: string }>>(
            `SELECT to_char(anchor_date, 'YYYY-MM-DD') AS d FROM referral_anchor WHERE referral_id = $1`,
            [referralId],
          )
        )[0]?.d,
      { until: (d) => d === inDays(0), what: 'the date moved' },
    );
    const after = await clocks(referralId);
    expect(after.filter((c) => c.kind === 'follow-up')).toEqual([]);
    expect(one(after, 'housing-plan')?.status).toBe('met');
  });

  it('reopens the housing plan on a readmission after the discharge: paused until the new date, then running against it; replays move nothing back', async () => {
    const referralId = randomUUID();
    await route(referralId, 'discharge-notice', [HOUSING], inDays(30));
    await until(referralId, 'the housing plan', (c) => one(c, 'housing-plan')?.status === 'open');
    const discharged = { action: 'mark-discharged', to: 'completed', code: 'discharged', at: new Date() };
    await step(referralId, 'discharge-notice', discharged, 2);
    await until(referralId, 'the plan cancelled', (c) => one(c, 'housing-plan')?.status === 'cancelled');

    const readmitted = {
      action: 'mark-readmitted',
      from: 'completed',
      to: 'acknowledged',
      code: 'readmitted',
      at: new Date(Date.now() + 1000),
    };
    await step(referralId, 'discharge-notice', readmitted, 3);
    const back = await until(referralId, 'a new round', (c) => one(c, 'housing-plan', 2) !== undefined);
    expect(one(back, 'housing-plan', 2)).toMatchObject({
      status: 'paused',
      paused_reason: 'READMITTED',
      opened_reason: 'READMITTED',
    });
    expect(one(back, 'housing-plan', 1)?.status).toBe('cancelled');

    // The discharge delivered again (a replay under a new id) and the readmission twice: no change.
    await step(referralId, 'discharge-notice', discharged, 2);
    await step(referralId, 'discharge-notice', readmitted, 3);
    await send(
      REFERRAL_ANCHOR_DATE_CHANGED_V1,
      referralId,
      {
        referralId,
        referralType: 'discharge-notice',
        anchorKind: 'planned-discharge',
        from: inDays(30),
        to: inDays(50),
        reasonCode: 'postponed',
        changedAt: new Date().toISOString(),
      },
      4,
    );
    const running = await until(
      referralId,
      'the new round running',
      (c) => one(c, 'housing-plan', 2)?.status === 'open',
    );
    expect(one(running, 'housing-plan', 2)).toMatchObject({ anchor_date: inDays(50), paused_reason: null });
    expect(running.filter((c) => c.kind === 'housing-plan').map((c) => c.round)).toEqual([1, 2]);
  });

  it('gives NAV a clock per requested deduction change, met by its confirmation; a stop no longer cancels the clocks', async () => {
    const referralId = randomUUID();
    await route(referralId, 'benefit-deduction', [NAV]);
    await until(referralId, 'the confirmation clock', (c) => one(c, 'confirm-deduction') !== undefined);
    await step(
      referralId,
      'benefit-deduction',
      { action: 'confirm-deduction', unitId: NAV.unitId, to: 'answered' },
      2,
    );
    await until(referralId, 'confirmed', (c) => one(c, 'confirm-deduction')?.status === 'met');

    await step(referralId, 'benefit-deduction', { action: 'change-amount', from: 'answered' }, 3);
    const asked = await until(referralId, 'the change clock', (c) => one(c, 'confirm-change') !== undefined);
    expect(one(asked, 'confirm-change')).toMatchObject({
      status: 'open',
      recipient_unit_id: NAV.unitId,
      opened_reason: 'DEDUCTION_CHANGE_REQUESTED',
    });
    expect(one(asked, 'confirm-change')!.due_at.getTime()).toBe(
      endOfOsloDay(addWorkingDays(osloDate(new Date()), 5)).getTime(),
    );
    // A second request while the first is pending is the same change still owed.
    await step(referralId, 'benefit-deduction', { action: 'change-amount', from: 'answered' }, 4);
    await step(
      referralId,
      'benefit-deduction',
      { action: 'confirm-deduction-change', unitId: NAV.unitId, from: 'answered' },
      5,
    );
    const confirmed = await until(
      referralId,
      'change met',
      (c) => one(c, 'confirm-change')?.status === 'met',
    );
    expect(confirmed.filter((c) => c.kind === 'confirm-change')).toHaveLength(1);

    // A stop asked for after that is a new round; it ends nothing until NAV confirms it.
    await step(referralId, 'benefit-deduction', { action: 'stop-deduction', from: 'answered' }, 6);
    const stop = await until(referralId, 'round 2', (c) => one(c, 'confirm-change', 2)?.status === 'open');
    expect(stop.some((c) => c.status === 'cancelled')).toBe(false);
    await step(
      referralId,
      'benefit-deduction',
      { action: 'confirm-deduction-change', unitId: NAV.unitId, from: 'answered', to: 'completed' },
      7,
    );
    const done = await until(referralId, 'round 2 met', (c) => one(c, 'confirm-change', 2)?.status === 'met');
    expect(done.filter((c) => c.kind === 'confirm-change').map((c) => c.status)).toEqual(['met', 'met']);
  });

  it('pauses only the withheld unit’s clocks when the consent is withdrawn for one recipient', async () => {
    const referralId = randomUUID();
    await route(referralId, 'release-notice', [HOUSING, NAV], inDays(40));
    await until(referralId, 'three clocks', (c) => c.length === 3);
    await step(
      referralId,
      'release-notice',
      { action: 'withhold', unitId: NAV.unitId, code: 'CONSENT_WITHDRAWN', from: 'delivered' },
      2,
    );
    const after = await until(
      referralId,
      'NAV paused',
      (c) => c.find((x) => x.recipient_unit_id === NAV.unitId)?.status === 'paused',
    );
    expect(after.filter((c) => c.recipient_unit_id === NAV.unitId)).toEqual([
      expect.objectContaining({ status: 'paused', paused_reason: 'CONSENT_WITHDRAWN' }),
    ]);
    expect(after.filter((c) => c.recipient_unit_id === HOUSING.unitId).map((c) => c.status)).toEqual([
      'open',
      'open',
    ]);
  });

  it('opens a withheld unit’s clocks paused when the withholding came before the routing', async () => {
    const referralId = randomUUID();
    await step(
      referralId,
      'release-notice',
      { action: 'withhold', unitId: NAV.unitId, code: 'CONSENT_WITHDRAWN', from: 'delivered' },
      2,
    );
    await eventually(
      () =>
        ds.query<unknown[]>(`SELECT 1 FROM early_stop WHERE referral_id = $1 AND kind = 'withheld'`, [
          referralId,
        ]),
      { until: (r) => r.length === 1, what: 'the withholding remembered' },
    );
    await route(referralId, 'release-notice', [HOUSING, NAV], inDays(40));
    const opened = await until(referralId, 'three clocks', (c) => c.length === 3);
    expect(opened.filter((c) => c.recipient_unit_id === NAV.unitId)).toEqual([
      expect.objectContaining({ status: 'paused', paused_reason: 'CONSENT_WITHDRAWN' }),
    ]);
    expect(opened.filter((c) => c.recipient_unit_id === HOUSING.unitId).map((c) => c.status)).toEqual([
      'open',
      'open',
    ]);
  });
});
