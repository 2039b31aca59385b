import { randomUUID } from 'crypto';
import { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { REFERRAL_ACKNOWLEDGED_V1, REFERRAL_ROUTED_V1 } from '@overgang/contracts';
import { eventually } from '@overgang/testing';
import { deadlineTestEnv } from '../../../../tests/support/deadline-service';
import { startDeadlineService } from '../bootstrap';
import { RungScheduler } from './application/fire-rungs/rung-scheduler';

const brokers = () => (process.env.KAFKA_BROKERS as string).split(',');

const env = (batch: number) => deadlineTestEnv({ DEADLINE_SWEEP_BATCH: String(batch) });

/** Clocks with one rung each already due, written straight into the deadline service's tables. */
async function seedDueRungs(ds: DataSource, count: number): Promise<string[]> {
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

async function eventsFor(ds: DataSource, ids: string[], topic: string): Promise<number> {
  const [{ n }] = await ds.query<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND (envelope->'payload'->>'clockId')::uuid = ANY($2::uuid[])`,
    [topic, ids],
  );
  return n;
}

describe('deadline engine on the real database and broker', () => {
  let a: INestApplication;
  let b: INestApplication;
  let ds: DataSource;
  let producer: Producer;

  beforeAll(async () => {
    a = await startDeadlineService(env(40), { port: 0 });
    b = await startDeadlineService(env(40), { port: 0 });
    ds = a.get(DataSource);
    producer = new Kafka({
      clientId: 'deadline-int',
      brokers: brokers(),
      logLevel: logLevel.NOTHING,
    }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await b?.close();
    await a?.close();
  });

  it('fires each due rung exactly once when two scheduler replicas race on the same rungs', async () => {
    const ids = await seedDueRungs(ds, 200);
    // Both sweeps must hold their claims at the same moment, so SKIP LOCKED is what keeps them apart.
    let claimedBoth!: () => void;
    const bothClaimed = new Promise<void>((r) => (claimedBoth = r));
    let claims = 0;
    const hook = async () => {
      if (++claims === 2) claimedBoth();
      await Promise.race([bothClaimed, new Promise((r) => setTimeout(r, 5000))]);
    };
    const [first, second] = await Promise.all([
      a.get(RungScheduler).sweep(new Date(), hook),
      b.get(RungScheduler).sweep(new Date(), hook),
    ]);
    expect(first).toBe(40);
    expect(second).toBe(40);
    await Promise.all([a.get(RungScheduler).drain(), b.get(RungScheduler).drain()]);

    expect(await eventsFor(ds, ids, 'deadline.breached.v1')).toBe(200);
    const [{ unfired }] = await ds.query<Array<{ unfired: number }>>(
      `SELECT count(*)::int AS unfired FROM clock_rung WHERE clock_id = ANY($1::uuid[]) AND fired_at IS NULL`,
      [ids],
    );
    expect(unfired).toBe(0);
    const [{ breached }] = await ds.query<Array<{ breached: number }>>(
      `SELECT count(*)::int AS breached FROM clock WHERE id = ANY($1::uuid[]) AND status = 'breached'`,
      [ids],
    );
    expect(breached).toBe(200);
  });

  it('loses and doubles nothing when the scheduler dies in the middle of a sweep', async () => {
    const ids = await seedDueRungs(ds, 30);
    // The process "dies": its database session is cut while the sweep's transaction is open.
    const dying = a.get(RungScheduler).sweep(new Date(), async (claimed) => {
      expect(claimed).toBeGreaterThan(0);
      await ds.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`,
      );
    });
    await expect(dying).rejects.toThrow();
    expect(await eventsFor(ds, ids, 'deadline.breached.v1')).toBe(0);

    // After the restart the next sweep fires every rung, once (retried while the pool drops the cut session).
    await eventually(() => b.get(RungScheduler).drain());
    expect(await eventsFor(ds, ids, 'deadline.breached.v1')).toBe(30);
  });

  it('does not reopen or double anything when referral.acknowledged is redelivered', async () => {
    const referralId = randomUUID();
    const envelope = (type: string, payload: object, id = randomUUID()) => ({
      key: referralId,
      value: JSON.stringify({
        id,
        type,
        occurredAt: new Date().toISOString(),
        producer: 'test',
        correlationId: 'test-redelivery',
        causationId: null,
        key: referralId,
        payload,
      }),
    });
    await producer.send({
      topic: REFERRAL_ROUTED_V1,
      messages: [
        envelope(REFERRAL_ROUTED_V1, {
          referralId,
          referralType: 'benefit-deduction',
          recipients: [
            {
              organisationNumber: '100000024',
              unitId: 'nav-drammen-sosial',
              unitKind: 'nav-social-services',
              contactPersonId: 'cp-nav-drammen-1',
              assignment: 'primary',
              reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
              reason: 'test',
            },
          ],
          routedAt: new Date().toISOString(),
        }),
      ],
    });
    const clocks = await eventually(
      () =>
        ds.query<Array<{ id: string; kind: string }>>(`SELECT id, kind FROM clock WHERE referral_id = $1`, [
          referralId,
        ]),
      { until: (rows) => rows.length === 2, what: 'the acknowledge and confirm-deduction clocks' },
    );
    const ack = {
      referralId,
      referralType: 'benefit-deduction',
      recipientOrganisationNumber: '100000024',
      recipientUnitId: 'nav-drammen-sosial',
      acknowledgedByUserId: 'cp-nav-drammen-1',
      acknowledgedAt: new Date().toISOString(),
    };
    const same = randomUUID();
    // The same message twice (a redelivery), and the same fact again under a new id (a retry upstream).
    await producer.send({
      topic: REFERRAL_ACKNOWLEDGED_V1,
      messages: [
        envelope(REFERRAL_ACKNOWLEDGED_V1, ack, same),
        envelope(REFERRAL_ACKNOWLEDGED_V1, ack, same),
        envelope(REFERRAL_ACKNOWLEDGED_V1, ack),
      ],
    });
    const ackClock = clocks.find((c) => c.kind === 'acknowledge')!.id;
    await eventually(
      () =>
        ds.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM processed_message WHERE topic = $1 AND message_id = $2`,
          [REFERRAL_ACKNOWLEDGED_V1, same],
        ),
      { until: (r) => r[0].n === 1 },
    );
    await eventually(() => eventsFor(ds, [ackClock], 'deadline.met.v1'), { until: (n) => n === 1 });
    // The third message is processed too; wait for it, then check nothing changed.
    await eventually(
      () =>
        ds.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM processed_message WHERE topic = $1 AND message_id <> $2 AND consumer = 'deadline-service'`,
          [REFERRAL_ACKNOWLEDGED_V1, same],
        ),
      { until: (r) => r[0].n >= 1 },
    );
    expect(await eventsFor(ds, [ackClock], 'deadline.met.v1')).toBe(1);
    const rows = await ds.query<Array<{ kind: string; status: string }>>(
      `SELECT kind, status FROM clock WHERE referral_id = $1 ORDER BY kind`,
      [referralId],
    );
    expect(rows).toEqual([
      { kind: 'acknowledge', status: 'met' },
      { kind: 'confirm-deduction', status: 'open' },
    ]);
    const [{ pending }] = await ds.query<Array<{ pending: number }>>(
      `SELECT count(*)::int AS pending FROM clock_rung WHERE clock_id = $1 AND fire_at IS NOT NULL AND fired_at IS NULL`,
      [ackClock],
    );
    expect(pending).toBe(0);
  });

  it('applies a withdrawal that arrives before the routing: the clocks open cancelled, never to breach', async () => {
    const referralId = randomUUID();
    const message = (type: string, payload: object) => ({
      key: referralId,
      value: JSON.stringify({
        id: randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        producer: 'test',
        correlationId: 'test-order',
        causationId: null,
        key: referralId,
        payload,
      }),
    });
    await producer.send({
      topic: 'referral.progressed.v1',
      messages: [
        message('referral.progressed.v1', {
          referralId,
          referralType: 'assessment-request',
          action: 'withdraw',
          fromStatus: 'submitted',
          toStatus: 'withdrawn',
          actorOrganisationNumber: '100000016',
          recipientUnitId: null,
          code: null,
          at: new Date().toISOString(),
        }),
      ],
    });
    await eventually(
      () =>
        ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM early_stop WHERE referral_id = $1`, [
          referralId,
        ]),
      { until: (r) => r[0].n === 1, what: 'the early withdrawal remembered' },
    );
    await producer.send({
      topic: REFERRAL_ROUTED_V1,
      messages: [
        message(REFERRAL_ROUTED_V1, {
          referralId,
          referralType: 'assessment-request',
          recipients: [
            {
              organisationNumber: '100000024',
              unitId: 'nav-drammen-sosial',
              unitKind: 'nav-social-services',
              contactPersonId: 'cp-nav-drammen-1',
              assignment: 'primary',
              reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
              reason: 'test',
            },
          ],
          routedAt: new Date().toISOString(),
        }),
      ],
    });
    const rows = await eventually(
      () =>
        ds.query<Array<{ kind: string; status: string }>>(
          `SELECT kind, status FROM clock WHERE referral_id = $1 ORDER BY kind`,
          [referralId],
        ),
      { until: (r) => r.length === 2 },
    );
    expect(rows).toEqual([
      { kind: 'acknowledge', status: 'cancelled' },
      { kind: 'answer', status: 'cancelled' },
    ]);
  });
  it('applies a rejection that arrives before the routing: the clocks open cancelled as rejected', async () => {
    const referralId = randomUUID();
    const message = (type: string, payload: object) => ({
      key: referralId,
      value: JSON.stringify({
        id: randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        producer: 'test',
        correlationId: 'test-order',
        causationId: null,
        key: referralId,
        payload,
      }),
    });
    await producer.send({
      topic: 'referral.progressed.v1',
      messages: [
        message('referral.progressed.v1', {
          referralId,
          referralType: 'assessment-request',
          action: 'reject',
          fromStatus: 'delivered',
          toStatus: 'rejected',
          actorOrganisationNumber: '100000024',
          recipientUnitId: 'nav-drammen-sosial',
          code: null,
          at: new Date().toISOString(),
        }),
      ],
    });
    await eventually(
      () =>
        ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM early_stop WHERE referral_id = $1`, [
          referralId,
        ]),
      { until: (r) => r[0].n === 1, what: 'the early rejection remembered' },
    );
    await producer.send({
      topic: REFERRAL_ROUTED_V1,
      messages: [
        message(REFERRAL_ROUTED_V1, {
          referralId,
          referralType: 'assessment-request',
          recipients: [
            {
              organisationNumber: '100000024',
              unitId: 'nav-drammen-sosial',
              unitKind: 'nav-social-services',
              contactPersonId: 'cp-nav-drammen-1',
              assignment: 'primary',
              reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
              reason: 'test',
            },
          ],
          routedAt: new Date().toISOString(),
        }),
      ],
    });
    const rows = await eventually(
      () =>
        ds.query<Array<{ kind: string; status: string; paused_reason: string }>>(
          `SELECT kind, status, paused_reason FROM clock WHERE referral_id = $1 ORDER BY kind`,
          [referralId],
        ),
      { until: (r) => r.length === 2 },
    );
    expect(rows).toEqual([
      { kind: 'acknowledge', status: 'cancelled', paused_reason: 'REJECTED' },
      { kind: 'answer', status: 'cancelled', paused_reason: 'REJECTED' },
    ]);
  });
});
