import { KafkaOptions, Transport } from '@nestjs/microservices';
import { Logger } from '@nestjs/common';
import { Kafka, LogEntry, logLevel, Partitioners, Producer, RetryOptions } from 'kafkajs';
import { dlqTopic } from '@overgang/contracts';

export const TOPIC_PARTITIONS = 3;

/**
 * kafkajs log lines through Nest's logger, without known-harmless ones: the idempotent producer's
 * note on bounded retries (we bound them on purpose, so shutdown never hangs), a fresh broker's
 * "coordinator is loading", and the heartbeat errors of an ordinary group rebalance, all of which
 * kafkajs handles by itself.
 */
const HARMLESS =
  /Limiting retries for the idempotent producer|coordinator is loading|group is rebalancing|Response Heartbeat|REBALANCE_IN_PROGRESS|not the leader for that topic-partition/;

export function kafkaLogCreator(): (entry: LogEntry) => void {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const text = `${log.message}${log.error ? `: ${log.error}` : ''}`;
    if (HARMLESS.test(text)) return;
    if (level <= logLevel.ERROR) logger.error(text);
    else if (level === logLevel.WARN) logger.warn(text);
  };
}

export function createKafka(clientId: string, brokers: string[]): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
    retry: { retries: 8 },
  });
}

/** Idempotent, acks=all, one request in flight: no duplicates from producer retries, key order kept. */
export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** Creates the given topics and their dead-letter topics if missing. Topics are never auto-created. */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  partitions = TOPIC_PARTITIONS,
): Promise<void> {
  const wanted = [...new Set(topics.flatMap((t) => [t, dlqTopic(t)]))];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      });
    } catch (err) {
      // Another service created some of them at the same moment.
      if (!/already exists/i.test((err as Error).message)) throw err;
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Options for a service's Nest Kafka consumer. The consumer group is the service name; values are
 * kept binary so the message processor validates them itself and sends poison to the DLQ.
 */
export function kafkaConsumerOptions(
  service: string,
  brokers: string[],
  consumerOverrides: { retry?: RetryOptions & { restartOnFailure?: (e: Error) => Promise<boolean> } } = {},
): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: { clientId: service, brokers, logLevel: logLevel.WARN, logCreator: kafkaLogCreator },
      consumer: {
        groupId: service,
        sessionTimeout: 15000,
        heartbeatInterval: 3000,
        allowAutoTopicCreation: false,
        ...consumerOverrides,
      },
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      run: { autoCommit: true },
      parser: { keepBinary: true },
    },
  };
}
