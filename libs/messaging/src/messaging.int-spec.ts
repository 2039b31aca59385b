import { randomUUID } from 'crypto';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { CONSENT_REGISTERED_V1, ConsentRegisteredV1, dlqTopic } from '@overgang/contracts';
import { createServiceLogger } from '@overgang/observability';
import { openServiceDataSource, serviceDataSourceOptions } from '@overgang/persistence';
import { eventually, TopicRecorder } from '@overgang/testing';
import { kafkaConsumerOptions } from './kafka';
import { MessageProcessor, Outcome, SimulatedCrash } from './message-processor';
import { MessagingModule } from './messaging.module';
import { OutboxWriter } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { messageSequenceTableUp, messagingTablesUp } from './schema.sql';
import { replayDeadLetters } from './dlq-replay';

const SCHEMA = 'msgtest';
const brokers = () => (process.env.KAFKA_BROKERS as string).split(',');

class ProbeTables1700000000000 implements MigrationInterface {
  name = 'ProbeTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    for (const sql of [...messagingTablesUp(SCHEMA), ...messageSequenceTableUp(SCHEMA)]) await q.query(sql);
    await q.query(`CREATE TABLE ${SCHEMA}.probe_effect (consent_id uuid NOT NULL, message_id uuid NOT NULL)`);
  }
  async down(): Promise<void> {}
}

/** What the probe consumer saw: Kafka key → outcomes in order. */
const outcomes = new Map<string, Outcome[]>();
const alwaysFail = new Set<string>();
const crashOnce = new Set<string>();
class DownstreamDown extends Error {}

@Controller()
class ProbeConsumer {
  constructor(private readonly processor: MessageProcessor) {}

  @EventPattern(CONSENT_REGISTERED_V1)
  async on(@Ctx() ctx: KafkaContext): Promise<void> {
    const key = ctx.getMessage().key?.toString() ?? '';
    const outcome = await this.processor.process(
      CONSENT_REGISTERED_V1,
      ctx,
      async (p, { manager, envelope }) => {
        if (alwaysFail.has(p.consentId)) throw new DownstreamDown('downstream is down');
        await manager.query(`INSERT INTO probe_effect (consent_id, message_id) VALUES ($1, $2)`, [
          p.consentId,
          envelope.id,
        ]);
      },
    );
    outcomes.set(key, [...(outcomes.get(key) ?? []), outcome]);
  }
}

const dsOptions = () => ({
  url: process.env.DATABASE_URL as string,
  schema: SCHEMA,
  entities: [],
  migrations: [ProbeTables1700000000000],
});

async function bootProbe(group: string, crashStopsConsumer = false): Promise<INestApplication> {
  @Module({
    imports: [
      TypeOrmModule.forRootAsync({
        useFactory: () => ({ ...serviceDataSourceOptions(dsOptions()), retryAttempts: 2, retryDelay: 500 }),
        dataSourceFactory: () => openServiceDataSource(dsOptions()),
      }),
      MessagingModule.forRoot({
        service: group,
        brokers: brokers(),
        topics: [CONSENT_REGISTERED_V1],
        maxAttempts: 3,
        outboxPollMs: 50,
        outboxLockKey: 9001,
        afterEffectsCommitted: (envelope) => {
          if (crashOnce.delete(envelope.key))
            throw new SimulatedCrash('process died before the offset commit');
        },
      }),
    ],
    controllers: [ProbeConsumer],
  })
  class ProbeModule {}

  const app = await NestFactory.create(ProbeModule, {
    logger: createServiceLogger('messaging-probe', 'error'),
    abortOnError: false,
  });
  // A crash stops this consumer for good, as a dying process would; the next boot is the restart.
  const overrides = crashStopsConsumer
    ? { retry: { retries: 0, restartOnFailure: () => Promise.resolve(false) } }
    : {};
  app.connectMicroservice(kafkaConsumerOptions(group, brokers(), overrides));
  await app.init();
  await app.startAllMicroservices();
  return app;
}

function consentPayload(consentId: string, validFrom = '2026-11-01'): ConsentRegisteredV1 {
  return {
    consentId,
    purposes: ['release-housing'],
    receivingOrganisationNumbers: ['100000016'],
    validFrom,
    validTo: '2027-05-01',
    registeredByOrganisationNumber: '100000008',
    registeredAt: new Date().toISOString(),
  };
}

async function publish(app: INestApplication, key: string, validFrom?: string): Promise<void> {
  const ds = app.get(DataSource);
  await ds.transaction((m) =>
    app.get(OutboxWriter).write(m, {
      topic: CONSENT_REGISTERED_V1,
      key,
      correlationId: 'test',
      payload: consentPayload(key, validFrom),
    }),
  );
  app.get(OutboxRelay).kick();
}

async function effects(app: INestApplication, key: string): Promise<number> {
  const [{ n }] = await app
    .get(DataSource)
    .query(`SELECT count(*)::int AS n FROM probe_effect WHERE consent_id = $1`, [key]);
  return n;
}

describe('messaging on real Kafka and PostgreSQL', () => {
  let recorder: TopicRecorder;
  let producer: Producer;

  beforeAll(async () => {
    const kafka = new Kafka({ clientId: 'msgtest', brokers: brokers(), logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
    recorder = new TopicRecorder(brokers(), [CONSENT_REGISTERED_V1, dlqTopic(CONSENT_REGISTERED_V1)]);
    // The probe app creates the topics; start the recorder once they exist.
    const app = await bootProbe(`msgtest-bootstrap-${randomUUID()}`);
    await app.close();
    await recorder.start();
  });

  afterAll(async () => {
    await recorder.stop();
    await producer.disconnect();
  });

  it('publishes committed outbox rows once each, in order per key, and never a rolled-back one', async () => {
    const app = await bootProbe(`msgtest-${randomUUID()}`);
    try {
      const key = randomUUID();
      const rolledBack = randomUUID();
      const ds = app.get(DataSource);
      const writer = app.get(OutboxWriter);
      await ds.transaction(async (m) => {
        for (const day of ['01', '02', '03']) {
          await writer.write(m, {
            topic: CONSENT_REGISTERED_V1,
            key,
            correlationId: 't',
            payload: consentPayload(key, `2026-11-${day}`),
          });
        }
      });
      await expect(
        ds.transaction(async (m) => {
          await writer.write(m, {
            topic: CONSENT_REGISTERED_V1,
            key: rolledBack,
            correlationId: 't',
            payload: consentPayload(rolledBack),
          });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      app.get(OutboxRelay).kick();

      const sent = await eventually(() => recorder.envelopes(CONSENT_REGISTERED_V1, key), {
        until: (e) => e.length >= 3,
      });
      expect(sent.map((e) => e.payload.validFrom)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
      expect(new Set(sent.map((e) => e.id)).size).toBe(3);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE key = $1`, [rolledBack]);
      expect(n).toBe(0);
      expect(recorder.envelopes(CONSENT_REGISTERED_V1, rolledBack)).toEqual([]);
      // Published rows are marked, so a relay restart does not send them again.
      const [{ pending }] = await ds.query(
        `SELECT count(*)::int AS pending FROM outbox WHERE key = $1 AND published_at IS NULL`,
        [key],
      );
      expect(pending).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('redelivers a message whose consumer died after its effects but before the offset commit, without doubling the effect', async () => {
    const group = `msgtest-crash-${randomUUID()}`;
    const key = randomUUID();
    crashOnce.add(key);
    const first = await bootProbe(group, true);
    try {
      await publish(first, key);
      await eventually(() => effects(first, key), {
        until: (n) => n === 1,
        what: 'the effect of the first delivery',
      });
      expect(crashOnce.has(key)).toBe(false);
      expect(outcomes.get(key)).toBeUndefined(); // it died before it could report
    } finally {
      await first.close();
    }
    const restarted = await bootProbe(group);
    try {
      await eventually(() => outcomes.get(key), {
        until: (o) => o?.includes('duplicate') === true,
        what: 'redelivery',
      });
      expect(await effects(restarted, key)).toBe(1);
    } finally {
      await restarted.close();
    }
  });

  it('publishes with the database clock’s timestamps, so a process clock two hours ahead blocks nothing', async () => {
    const app = await bootProbe(`msgtest-${randomUUID()}`);
    const skewMs = 2 * 3600_000;
    // This process's clock jumps two hours ahead: Date is faked, every timer stays real.
    jest.useFakeTimers({
      now: Date.now() + skewMs,
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      // What kafkajs does by itself under this clock (Date.now() as the timestamp): the broker refuses it.
      await expect(
        producer.send({ topic: CONSENT_REGISTERED_V1, messages: [{ key: randomUUID(), value: '{}' }] }),
      ).rejects.toThrow(/timestamp/i);

      const key = randomUUID();
      await publish(app, key);
      const [sent] = await eventually(
        () => recorder.messages.filter((m) => m.topic === CONSENT_REGISTERED_V1 && m.key === key),
        { until: (m) => m.length === 1, what: 'the outbox row published despite the skew' },
      );
      const ds = app.get(DataSource);
      const [{ dbNow }] = await ds.query<Array<{ dbNow: string }>>(
        `SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS "dbNow"`,
      );
      expect(Math.abs(Number(dbNow) - Number(sent.timestamp))).toBeLessThan(60_000);
      expect(Date.now() - Number(sent.timestamp)).toBeGreaterThan(skewMs - 60_000);
      const [{ pending }] = await ds.query(
        `SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`,
      );
      expect(pending).toBe(0);
    } finally {
      jest.useRealTimers();
      await app.close();
    }
  });

  it('numbers each key’s messages in commit order in the envelope', async () => {
    const app = await bootProbe(`msgtest-${randomUUID()}`);
    try {
      const key = randomUUID();
      for (const day of ['01', '02', '03']) await publish(app, key, `2026-11-${day}`);
      const other = randomUUID();
      await publish(app, other);
      const sent = await eventually(() => recorder.envelopes(CONSENT_REGISTERED_V1, key), {
        until: (e) => e.length === 3,
      });
      expect(sent.map((e) => (e as { sequence?: number }).sequence)).toEqual([1, 2, 3]);
      const [first] = await eventually(() => recorder.envelopes(CONSENT_REGISTERED_V1, other), {
        until: (e) => e.length === 1,
      });
      expect((first as { sequence?: number }).sequence).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('sends a poison message to the DLQ at once with the reason, and still processes the next one', async () => {
    const app = await bootProbe(`msgtest-${randomUUID()}`);
    try {
      const key = randomUUID();
      await producer.send({ topic: CONSENT_REGISTERED_V1, messages: [{ key, value: '{ not json' }] });
      await producer.send({
        topic: CONSENT_REGISTERED_V1,
        messages: [
          { key, value: JSON.stringify({ id: randomUUID(), type: CONSENT_REGISTERED_V1, key, payload: {} }) },
        ],
      });
      await publish(app, key);

      await eventually(() => effects(app, key), {
        until: (n) => n === 1,
        what: 'the good message after the poison',
      });
      const dead = await eventually(
        () => recorder.messages.filter((m) => m.topic === dlqTopic(CONSENT_REGISTERED_V1) && m.key === key),
        { until: (m) => m.length === 2 },
      );
      expect(dead.map((m) => m.headers['dlq-reason'])).toEqual(['invalid-json', 'invalid-envelope']);
      expect(dead[0].value).toBe('{ not json');
      expect(dead[0].headers['dlq-original-topic']).toBe(CONSENT_REGISTERED_V1);
      expect(dead[0].headers['dlq-attempts']).toBe('0');
    } finally {
      await app.close();
    }
  });

  it('dead-letters a message that fails every attempt, after the configured attempts, and moves on', async () => {
    const app = await bootProbe(`msgtest-${randomUUID()}`);
    try {
      const failing = randomUUID();
      alwaysFail.add(failing);
      await publish(app, failing);
      const dead = await eventually(
        () =>
          recorder.messages.filter((m) => m.topic === dlqTopic(CONSENT_REGISTERED_V1) && m.key === failing),
        { until: (m) => m.length === 1 },
      );
      expect(dead[0].headers['dlq-reason']).toBe('failed');
      expect(dead[0].headers['dlq-attempts']).toBe('3');
      // The error's class, never its message: a message may quote the data that failed.
      expect(dead[0].headers['dlq-error']).toBe('DownstreamDown');
      expect(outcomes.get(failing)).toEqual(['dead-lettered']);
      expect(await effects(app, failing)).toBe(0);

      const next = randomUUID();
      await publish(app, next);
      await eventually(() => effects(app, next), {
        until: (n) => n === 1,
        what: 'the message after the dead-lettered one',
      });
    } finally {
      await app.close();
    }
  });

  it('replays the dead-lettered messages once the cause is fixed, and the consumer handles them then', async () => {
    const app = await bootProbe(`msgtest-${randomUUID()}`);
    try {
      const key = randomUUID();
      alwaysFail.add(key);
      await publish(app, key);
      await eventually(
        () => recorder.messages.filter((m) => m.topic === dlqTopic(CONSENT_REGISTERED_V1) && m.key === key),
        { until: (m) => m.length === 1, what: 'the message in the DLQ' },
      );
      expect(await effects(app, key)).toBe(0);

      alwaysFail.delete(key); // the downstream is back
      const kafka = new Kafka({ clientId: 'msgtest-replay', brokers: brokers(), logLevel: logLevel.NOTHING });
      const probe = kafka.admin();
      await probe.connect();
      const dlqEndsBefore = await probe.fetchTopicOffsets(dlqTopic(CONSENT_REGISTERED_V1));
      await probe.disconnect();
      const result = await replayDeadLetters(kafka, CONSENT_REGISTERED_V1);
      expect(result.replayed).toBeGreaterThanOrEqual(1);
      await eventually(() => effects(app, key), {
        until: (n) => n === 1,
        what: 'the replayed message handled',
      });
      // The replay's own group remembers where it got to, so a second replay does not resend these.
      const admin = kafka.admin();
      await admin.connect();
      try {
        const [{ partitions }] = await admin.fetchOffsets({
          groupId: `dlq-replay-${CONSENT_REGISTERED_V1}`,
          topics: [dlqTopic(CONSENT_REGISTERED_V1)],
        });
        for (const before of dlqEndsBefore.filter((x) => Number(x.high) > Number(x.low))) {
          const committed = Number(partitions.find((p) => p.partition === before.partition)?.offset ?? -1);
          expect(committed).toBeGreaterThanOrEqual(Number(before.high));
        }
      } finally {
        await admin.disconnect();
      }
    } finally {
      await app.close();
    }
  });
});
