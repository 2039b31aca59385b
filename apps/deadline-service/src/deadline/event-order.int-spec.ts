import { randomUUID } from 'crypto';
import { INestApplication, Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  REFERRAL_REASSIGNED_V1,
  REFERRAL_ROUTED_V1,
} from '@overgang/contracts';
import { SERVICE_ENV } from '@overgang/config';
import { addCalendarDays, Clock, osloDate } from '@overgang/core';
import { OutboxWriter } from '@overgang/messaging';
import { eventually } from '@overgang/testing';
import { DeadlineServiceEnv } from '../config/env.schema';
import { RungScheduler } from './application/fire-rungs/rung-scheduler';
import { ClockRepository } from './infrastructure/clock.repository';
import { ClockRungRepository } from './infrastructure/clock-rung.repository';
import { DatabaseClock } from './infrastructure/database-clock';
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
const inDays = (n: number) => addCalendarDays(osloDate(new Date()), n);

type Clocks = Array<{
  id: string;
  kind: string;
  status: string;
  due_at: Date;
  anchor_date: string | null;
  holder_contact_person_id: string | null;
  co_holder_contact_person_id: string | null;
}>;

describe('deadline service: events never move state backwards', () => {
  let app: INestApplication;
  let ds: DataSource;
  let producer: Producer;

  let service: DeadlineUnderTest;

  beforeAll(async () => {
    service = await startDeadlineUnderTest('deadline-order');
    ({ app, ds, producer } = service);
  });

  afterAll(async () => {
    await service?.stop();
  });

  /** Produces one message as its producer's outbox would, with the given sequence (none: a legacy one). */
  async function send(
    topic: string,
    referralId: string,
    payload: object,
    o: { sequence?: number; id?: string; producer?: string } = {},
  ): Promise<string> {
    const id = o.id ?? randomUUID();
    await producer.send({
      topic,
      messages: [
        {
          key: referralId,
          value: JSON.stringify({
            id,
            type: topic,
            occurredAt: new Date().toISOString(),
            producer: o.producer ?? 'test',
            correlationId: 'test-order',
            causationId: null,
            key: referralId,
            ...(o.sequence === undefined ? {} : { sequence: o.sequence }),
            payload,
          }),
        },
      ],
    });
    return id;
  }

  /** Waits until the deadline service has handled the message, whatever it did with it. */
  async function handled(id: string): Promise<void> {
    await eventually(
      () =>
        ds.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM processed_message WHERE consumer = 'deadline-service' AND message_id = $1`,
          [id],
        ),
      { until: (r) => r[0].n === 1, what: `message ${id} handled` },
    );
  }

  const clocksOf = (referralId: string) =>
    ds.query<Clocks>(
      `SELECT id, kind, status, due_at, anchor_date::text, holder_contact_person_id, co_holder_contact_person_id
       FROM clock WHERE referral_id = $1 ORDER BY kind`,
      [referralId],
    );

  function routed(referralId: string, referralType: string, unit: typeof NAV, holder: string, extra = {}) {
    return {
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
      ...extra,
    };
  }

  function moved(referralId: string, from: string | null, to: string, mode: 'moved' | 'added' = 'moved') {
    return {
      referralId,
      referralType: 'assessment-request',
      organisationNumber: NAV.organisationNumber,
      unitId: NAV.unitId,
      fromContactPersonId: from,
      toContactPersonId: to,
      mode,
      reasonCode: mode === 'added' ? 'ROUTING.ACK_SILENCE' : 'ROUTING.HOLDER_ABSENT',
      reason: 'test',
      reassignedAt: new Date().toISOString(),
    };
  }

  it('keeps the newer anchor date when an older anchor change is replayed after it', async () => {
    const referralId = randomUUID();
    const anchor = (to: string, reasonCode: string, changedAt: Date) => ({
      referralId,
      referralType: 'release-notice',
      anchorKind: 'expected-release',
      from: null,
      to,
      reasonCode,
      changedAt: changedAt.toISOString(),
    });
    await send(
      REFERRAL_ROUTED_V1,
      referralId,
      routed(referralId, 'release-notice', HOUSING, 'cp-drammen-bolig-1', { anchorDate: inDays(40) }),
      { sequence: 2, producer: 'routing-service' },
    );
    await eventually(() => clocksOf(referralId), { until: (c) => c.length === 2, what: 'the two clocks' });

    const older = new Date(Date.now() - 60_000);
    const newer = new Date();
    await handled(
      await send(REFERRAL_ANCHOR_DATE_CHANGED_V1, referralId, anchor(inDays(25), 'brought-forward', newer), {
        sequence: 9,
      }),
    );
    const afterNewer = (await clocksOf(referralId)).find((c) => c.kind === 'housing-outcome')!;
    expect(afterNewer.anchor_date).toBe(inDays(25));

    // The older change is replayed (from a dead-letter topic, say) after the newer one was applied.
    await handled(
      await send(REFERRAL_ANCHOR_DATE_CHANGED_V1, referralId, anchor(inDays(60), 'postponed', older), {
        sequence: 8,
      }),
    );
    // And an older one from a producer without sequences: its changedAt decides.
    await handled(
      await send(REFERRAL_ANCHOR_DATE_CHANGED_V1, referralId, anchor(inDays(50), 'postponed', older)),
    );
    const housing = (await clocksOf(referralId)).find((c) => c.kind === 'housing-outcome')!;
    expect(housing.anchor_date).toBe(inDays(25));
    expect(housing.due_at).toEqual(afterNewer.due_at);
    const [{ anchor_date }] = await ds.query<Array<{ anchor_date: string }>>(
      `SELECT anchor_date::text FROM referral_anchor WHERE referral_id = $1`,
      [referralId],
    );
    expect(anchor_date).toBe(inDays(25));
    const [{ changes }] = await ds.query<Array<{ changes: number }>>(
      `SELECT count(*)::int AS changes FROM clock_change WHERE clock_id = $1`,
      [housing.id],
    );
    expect(changes).toBe(1);
  });

  it('moves the holder of the unit’s open clocks on a reassignment, never back for an older one, and warns the new holder', async () => {
    const referralId = randomUUID();
    await send(
      REFERRAL_ROUTED_V1,
      referralId,
      routed(referralId, 'assessment-request', NAV, 'cp-nav-drammen-1'),
      { sequence: 1, producer: 'routing-service' },
    );
    await eventually(() => clocksOf(referralId), { until: (c) => c.length === 2, what: 'the two clocks' });

    const move = moved(referralId, 'cp-nav-drammen-1', 'cp-nav-drammen-2');
    const moveId = await send(REFERRAL_REASSIGNED_V1, referralId, move, { sequence: 3 });
    await eventually(() => clocksOf(referralId), {
      until: (c) => c.every((x) => x.holder_contact_person_id === 'cp-nav-drammen-2'),
      what: 'the clocks following the move',
    });

    // An older move arrives late, the same move is redelivered, and a second holder is added.
    await handled(
      await send(REFERRAL_REASSIGNED_V1, referralId, moved(referralId, null, 'cp-nav-drammen-1'), {
        sequence: 2,
      }),
    );
    await send(REFERRAL_REASSIGNED_V1, referralId, move, { sequence: 3, id: moveId });
    await handled(
      await send(
        REFERRAL_REASSIGNED_V1,
        referralId,
        moved(referralId, 'cp-nav-drammen-2', 'cp-nav-drammen-3', 'added'),
        { sequence: 4 },
      ),
    );
    const [{ copies }] = await ds.query<Array<{ copies: number }>>(
      `SELECT count(*)::int AS copies FROM processed_message WHERE message_id = $1`,
      [moveId],
    );
    expect(copies).toBe(1);
    const clocks = await clocksOf(referralId);
    expect(clocks.map((c) => [c.kind, c.holder_contact_person_id, c.co_holder_contact_person_id])).toEqual([
      ['acknowledge', 'cp-nav-drammen-2', 'cp-nav-drammen-3'],
      ['answer', 'cp-nav-drammen-2', 'cp-nav-drammen-3'],
    ]);

    // The warning that follows names who holds the referral now.
    const answer = clocks.find((c) => c.kind === 'answer')!;
    const [{ fire_at }] = await ds.query<Array<{ fire_at: Date }>>(
      `SELECT fire_at FROM clock_rung WHERE clock_id = $1 AND rung_id = 'warn-holder'`,
      [answer.id],
    );
    await app.get(RungScheduler).drain(fire_at);
    const [warning] = await ds.query<Array<{ payload: Record<string, unknown> }>>(
      `SELECT envelope->'payload' AS payload FROM outbox
       WHERE topic = 'deadline.warning-issued.v1' AND envelope->'payload'->>'clockId' = $1`,
      [answer.id],
    );
    expect(warning.payload).toMatchObject({
      rungId: 'warn-holder',
      holderContactPersonId: 'cp-nav-drammen-2',
      coHolderContactPersonId: 'cp-nav-drammen-3',
    });
  });

  it('opens the clocks with the holder of a reassignment that arrived before its routing', async () => {
    const referralId = randomUUID();
    await handled(
      await send(
        REFERRAL_REASSIGNED_V1,
        referralId,
        moved(referralId, 'cp-nav-drammen-1', 'cp-nav-drammen-2'),
        {
          sequence: 2,
        },
      ),
    );
    await send(
      REFERRAL_ROUTED_V1,
      referralId,
      routed(referralId, 'assessment-request', NAV, 'cp-nav-drammen-1'),
      { sequence: 1, producer: 'routing-service' },
    );
    const clocks = await eventually(() => clocksOf(referralId), { until: (c) => c.length === 2 });
    expect(clocks.map((c) => c.holder_contact_person_id)).toEqual(['cp-nav-drammen-2', 'cp-nav-drammen-2']);
  });

  it('does not pause a resumed clock again when the older pause is replayed', async () => {
    const referralId = randomUUID();
    await send(
      REFERRAL_ROUTED_V1,
      referralId,
      routed(referralId, 'assessment-request', NAV, 'cp-nav-drammen-1'),
      { sequence: 1, producer: 'routing-service' },
    );
    await eventually(() => clocksOf(referralId), { until: (c) => c.length === 2 });
    const step = (action: string, at: Date) => ({
      referralId,
      referralType: 'assessment-request',
      action,
      fromStatus: 'acknowledged',
      toStatus: 'acknowledged',
      actorOrganisationNumber: NAV.organisationNumber,
      recipientUnitId: NAV.unitId,
      code: null,
      at: at.toISOString(),
    });
    const pausedAt = new Date();
    const pause = step('request-information', pausedAt);
    await handled(await send(REFERRAL_PROGRESSED_V1, referralId, pause, { sequence: 5 }));
    expect((await clocksOf(referralId)).find((c) => c.kind === 'answer')!.status).toBe('paused');
    await handled(
      await send(
        REFERRAL_PROGRESSED_V1,
        referralId,
        step('provide-information', new Date(pausedAt.getTime() + 1000)),
        {
          sequence: 6,
        },
      ),
    );
    await handled(await send(REFERRAL_PROGRESSED_V1, referralId, pause, { sequence: 5 }));
    expect((await clocksOf(referralId)).find((c) => c.kind === 'answer')!.status).toBe('open');
  });

  describe('one time source', () => {
    async function seedDueRungs(count: number): Promise<string[]> {
      const ids = Array.from({ length: count }, () => randomUUID());
      await ds.query(
        `INSERT INTO clock (id, referral_id, referral_type, kind, recipient_organisation_number, recipient_unit_id, unit_kind,
           policy, catalogue_version, started_at, due_at, status, explanation)
         SELECT id, gen_random_uuid(), 'assessment-request', 'answer', '100000024', 'nav-drammen-sosial', 'nav-social-services',
           'assessment-request.answer', 1, now() - interval '20 days', now() - interval '1 hour', 'open', '{}'::jsonb
         FROM unnest($1::uuid[]) AS id`,
        [ids],
      );
      await ds.query(
        `INSERT INTO clock_rung (clock_id, rung_id, fire_at) SELECT id, 'breach-unit-coordinator', now() - interval '1 minute'
         FROM unnest($1::uuid[]) AS id`,
        [ids],
      );
      return ids;
    }

    const unfired = async (ids: string[]) =>
      (
        await ds.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM clock_rung WHERE clock_id = ANY($1::uuid[]) AND fired_at IS NULL`,
          [ids],
        )
      )[0].n;

    it('refuses to fire from a process whose clock is off the database’s, says so, and fires by database time otherwise', async () => {
      const ids = await seedDueRungs(5);
      // This process's clock runs two hours ahead: a real process clock, as the scheduler sees it.
      const skewed: Clock = { now: () => new Date(Date.now() + 2 * 3600_000) };
      const env: DeadlineServiceEnv = { ...app.get<DeadlineServiceEnv>(SERVICE_ENV), DEADLINE_SWEEP_MS: 100 };
      const scheduler = new RungScheduler(
        ds,
        app.get(ClockRepository),
        app.get(ClockRungRepository),
        app.get(OutboxWriter),
        app.get(DatabaseClock),
        skewed,
        env,
      );
      const warn = jest.spyOn(Logger.prototype, 'warn');
      try {
        scheduler.onApplicationBootstrap();
        const said = await eventually(
          () => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('off the database clock')),
          { until: (m) => m.length > 0, what: 'the skew logged' },
        );
        expect(said[0]).toMatch(/process clock is 72\d{5} ms off the database clock \(allowed 5000 ms\)/);
        const outcome = await scheduler.tick();
        expect(outcome).toMatchObject({ fired: 0, refused: true });
        expect(outcome.skewMs).toBeGreaterThan(7_190_000);
      } finally {
        await scheduler.onApplicationShutdown();
        warn.mockRestore();
      }
      expect(await unfired(ids)).toBe(5);

      // The service's own scheduler (its clock agrees with the database) fires them as of the database's now.
      const outcome = await app.get(RungScheduler).tick();
      expect(outcome.refused).toBe(false);
      expect(Math.abs(outcome.skewMs)).toBeLessThan(5000);
      expect(await unfired(ids)).toBe(0);
      const [{ offMs }] = await ds.query<Array<{ offMs: number }>>(
        `SELECT max(abs(extract(epoch FROM (clock_timestamp() - fired_at)) * 1000))::int AS "offMs"
         FROM clock_rung WHERE clock_id = ANY($1::uuid[])`,
        [ids],
      );
      expect(offMs).toBeLessThan(60_000);
    });
  });
});
