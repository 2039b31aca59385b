import { randomUUID } from 'crypto';
import { INestApplication } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  REFERRAL_ROUTED_V1,
} from '@overgang/contracts';
import type { Principal } from '@overgang/auth';
import { addCalendarDays, endOfOsloDay, osloDate } from '@overgang/core';
import { addWorkingDays } from '@overgang/norway';
import { eventually } from '@overgang/testing';
import { RungScheduler } from './application/fire-rungs/rung-scheduler';
import { ListDeadlinesHandler } from './application/list-deadlines/list-deadlines.handler';
import { SlaOverviewHandler } from './application/sla-overview/sla-overview.handler';
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
const today = () => osloDate(new Date());
const inDays = (n: number) => addCalendarDays(today(), n);
const coordinator = (organisationNumber: string): Principal => ({
  userId: 'coord-test',
  organisationNumber,
  unitId: null,
  roles: ['coordinator'],
});
/** The earliest due time the minimum response of the housing policies (3 working days) allows from today. */
const minimumDue = () => endOfOsloDay(addWorkingDays(today(), 3));

type ClockRow = {
  id: string;
  kind: string;
  status: string;
  due_at: Date;
  short_notice: boolean;
  notice_given_days: number | null;
  lead_time_days: number | null;
  met_late: boolean;
};

describe('fair deadlines on the real database and broker', () => {
  let app: INestApplication;
  let ds: DataSource;
  let producer: Producer;

  let service: DeadlineUnderTest;

  beforeAll(async () => {
    service = await startDeadlineUnderTest('deadline-fair');
    ({ app, ds, producer } = service);
  });

  afterAll(async () => {
    await service?.stop();
  });

  async function send(topic: string, referralId: string, payload: object, sequence?: number): Promise<void> {
    await producer.send({
      topic,
      messages: [
        {
          key: referralId,
          value: JSON.stringify({
            id: randomUUID(),
            type: topic,
            occurredAt: new Date().toISOString(),
            producer:
              topic.startsWith('routing') || topic === REFERRAL_ROUTED_V1 ? 'routing-service' : 'test',
            correlationId: 'test-fair',
            causationId: null,
            key: referralId,
            ...(sequence === undefined ? {} : { sequence }),
            payload,
          }),
        },
      ],
    });
  }

  function route(
    referralId: string,
    referralType: string,
    unit: typeof NAV,
    holder: string,
    anchorDate?: string,
  ) {
    return send(
      REFERRAL_ROUTED_V1,
      referralId,
      {
        referralId,
        referralType,
        recipients: [
          {
            ...unit,
            contactPersonId: holder,
            assignment: 'primary',
            reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
            reason: 'test',
          },
        ],
        routedAt: new Date().toISOString(),
        ...(anchorDate ? { anchorDate } : {}),
      },
      1,
    );
  }

  const clock = (referralId: string, kind: string) =>
    eventually(
      async () =>
        (
          await ds.query<ClockRow[]>(
            `SELECT id, kind, status, due_at, short_notice, notice_given_days, lead_time_days, met_late
             FROM clock WHERE referral_id = $1 AND kind = $2`,
            [referralId, kind],
          )
        )[0],
      { until: (c) => c !== undefined, what: `the ${kind} clock` },
    );

  /** The ladder events of one clock in the order they were written. */
  const ladderEvents = (clockId: string) =>
    ds.query<Array<{ topic: string; rung: string | null; cause: string | null }>>(
      `SELECT topic, envelope->'payload'->>'rungId' AS rung, envelope->'payload'->>'cause' AS cause FROM outbox
       WHERE topic IN ('deadline.warning-issued.v1', 'deadline.breached.v1', 'deadline.escalated.v1')
         AND envelope->'payload'->>'clockId' = $1
       ORDER BY seq`,
      [clockId],
    );

  /** Time passes with nobody acting: the scheduler runs as of each rung's moment. */
  async function climb(clockId: string, until: 'breach-unit-coordinator' | 'warn-holder'): Promise<void> {
    const rungs = await ds.query<Array<{ rung_id: string; fire_at: Date }>>(
      `SELECT rung_id, fire_at FROM clock_rung WHERE clock_id = $1 AND fire_at IS NOT NULL ORDER BY fire_at`,
      [clockId],
    );
    for (const r of rungs) {
      await app.get(RungScheduler).drain(new Date(Math.max(r.fire_at.getTime(), Date.now())));
      if (r.rung_id === until) return;
    }
  }

  it('gives a release notice sent two days before release a short-notice clock, due no sooner than the minimum response, and counts its breach as late notice', async () => {
    const referralId = randomUUID();
    await route(referralId, 'release-notice', HOUSING, 'cp-drammen-bolig-1', inDays(2));
    const housing = await clock(referralId, 'housing-outcome');
    expect(housing).toMatchObject({ short_notice: true, lead_time_days: 15 });
    expect(housing.notice_given_days).toBeLessThanOrEqual(2);
    // Counting ten working days back from the release lands in the past: the floor decides.
    expect(housing.due_at.getTime()).toBeGreaterThanOrEqual(minimumDue().getTime());

    await climb(housing.id, 'breach-unit-coordinator');
    const events = await eventually(() => ladderEvents(housing.id), {
      until: (e) => e.some((x) => x.topic === 'deadline.breached.v1'),
      what: 'the breach',
    });
    expect(events.find((x) => x.topic === 'deadline.breached.v1')?.cause).toBe('late-notice');

    const overview = await app
      .get(SlaOverviewHandler)
      .execute({ by: coordinator(HOUSING.organisationNumber) });
    const mine = overview.breaches.find((b) => b.clockId === housing.id);
    expect(mine).toMatchObject({ cause: 'late-notice' });
    // The recipient's breach figure leaves the short-notice breaches out; they have their own.
    const unit = overview.units.find((u) => u.unitId === HOUSING.unitId)!;
    const of = (cause: string) =>
      overview.breaches.filter((b) => b.unitId === HOUSING.unitId && b.cause === cause).length;
    expect(unit.lateNotice).toBeGreaterThanOrEqual(1);
    expect(unit.lateNotice).toBe(of('late-notice'));
    expect(unit.breached).toBe(of('recipient'));
  });

  it('gives a release brought forward to tomorrow a clock due after the minimum response, warning before the breach', async () => {
    const referralId = randomUUID();
    await route(referralId, 'release-notice', HOUSING, 'cp-drammen-bolig-1', inDays(40));
    const before = await clock(referralId, 'housing-outcome');
    expect(before.short_notice).toBe(false);

    const movedAt = new Date();
    await send(
      REFERRAL_ANCHOR_DATE_CHANGED_V1,
      referralId,
      {
        referralId,
        referralType: 'release-notice',
        anchorKind: 'expected-release',
        from: inDays(40),
        to: inDays(1),
        reasonCode: 'brought-forward',
        changedAt: movedAt.toISOString(),
      },
      2,
    );
    const moved = await eventually(() => clock(referralId, 'housing-outcome'), {
      until: (c) => c.due_at.getTime() !== before.due_at.getTime(),
      what: 'the clock moved',
    });
    expect(moved.due_at.getTime()).toBeGreaterThanOrEqual(minimumDue().getTime());
    expect(moved).toMatchObject({ status: 'open', short_notice: true });

    // Straight after the move nothing is breached.
    await app.get(RungScheduler).drain(new Date(movedAt.getTime() + 5_000));
    expect((await clock(referralId, 'housing-outcome')).status).toBe('open');

    await climb(moved.id, 'breach-unit-coordinator');
    const events = await eventually(() => ladderEvents(moved.id), {
      until: (e) => e.some((x) => x.topic === 'deadline.breached.v1'),
      what: 'the breach',
    });
    expect(events.map((e) => e.rung ?? 'breach')).toEqual(['warn-holder', 'warn-both-contacts', 'breach']);
    const [{ skipped }] = await ds.query<Array<{ skipped: number }>>(
      `SELECT count(*)::int AS skipped FROM clock_rung WHERE clock_id = $1 AND outcome = 'skipped'`,
      [moved.id],
    );
    expect(skipped).toBe(0);
  });

  it('lists the at-risk clocks: open with a warning issued', async () => {
    const referralId = randomUUID();
    await route(referralId, 'release-notice', HOUSING, 'cp-drammen-bolig-1', inDays(40));
    const housing = await clock(referralId, 'housing-outcome');
    const list = (status: 'at-risk' | 'open') =>
      app.get(ListDeadlinesHandler).execute({
        by: coordinator(HOUSING.organisationNumber),
        status,
        referralId,
        correlationId: 'test-fair',
      });
    expect((await list('at-risk')).items).toEqual([]);
    await climb(housing.id, 'warn-holder');
    const atRisk = (await list('at-risk')).items;
    expect(atRisk.map((c) => c.id)).toEqual([housing.id]);
    expect(atRisk[0].status).toBe('open');
  });

  it('counts an answer after the due time as late in the SLA overview, though the breach had not fired', async () => {
    const referralId = randomUUID();
    await route(referralId, 'assessment-request', NAV, 'cp-nav-drammen-1');
    const answer = await clock(referralId, 'answer');
    const metAt = new Date(answer.due_at.getTime() + 3600_000);
    const month = metAt.toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' }).slice(0, 7);
    const figures = async () =>
      (
        await app.get(SlaOverviewHandler).execute({ by: coordinator(NAV.organisationNumber) })
      ).answeredInTimeByMonth.find((m) => m.month === month) ?? {
        answered: 0,
        inTime: 0,
        late: 0,
        lateNotice: 0,
        share: null,
      };
    const before = await figures();

    // No sweep ran: the breach rung never fired, yet the answer came an hour after the due time.
    await send(
      REFERRAL_PROGRESSED_V1,
      referralId,
      {
        referralId,
        referralType: 'assessment-request',
        action: 'answer-assessment',
        fromStatus: 'acknowledged',
        toStatus: 'answered',
        actorOrganisationNumber: NAV.organisationNumber,
        recipientUnitId: NAV.unitId,
        code: null,
        at: metAt.toISOString(),
      },
      3,
    );
    const met = await eventually(() => clock(referralId, 'answer'), {
      until: (c) => c.status === 'met',
      what: 'the answer clock met',
    });
    expect(met.met_late).toBe(true);
    const after = await figures();
    expect(after.answered).toBe(before.answered + 1);
    expect(after.late).toBe(before.late + 1);
    expect(after.inTime).toBe(before.inTime);
    const [{ late }] = await ds.query<Array<{ late: string }>>(
      `SELECT envelope->'payload'->>'late' AS late FROM outbox WHERE topic = 'deadline.met.v1'
       AND envelope->'payload'->>'clockId' = $1`,
      [met.id],
    );
    expect(late).toBe('true');
  });
});
