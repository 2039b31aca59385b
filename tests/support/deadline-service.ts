import { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { startDeadlineService } from '../../apps/deadline-service/src/bootstrap';

/** The deadline service on the test run's broker and database, and a producer to feed it events. */
export interface DeadlineUnderTest {
  app: INestApplication;
  ds: DataSource;
  producer: Producer;
  stop(): Promise<void>;
}

/** The settings its integration tests share: the tests drive the sweeps themselves. */
export function deadlineTestEnv(extra: Record<string, string> = {}): Record<string, unknown> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    LOG_LEVEL: 'warn',
    PORT: '0',
    OUTBOX_POLL_MS: '100',
    DEADLINE_SWEEP_MS: '3600000',
    ...extra,
  };
}

export async function startDeadlineUnderTest(
  clientId: string,
  extra: Record<string, string> = {},
): Promise<DeadlineUnderTest> {
  const app = await startDeadlineService(deadlineTestEnv(extra), { port: 0 });
  const producer = new Kafka({
    clientId,
    brokers: (process.env.KAFKA_BROKERS as string).split(','),
    logLevel: logLevel.NOTHING,
  }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return {
    app,
    ds: app.get(DataSource),
    producer,
    stop: async () => {
      await producer.disconnect();
      await app.close();
    },
  };
}
