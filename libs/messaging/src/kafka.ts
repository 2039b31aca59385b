import { KafkaOptions, Transport } from '@nestjs/microservices';
import { Logger } from '@nestjs/common';
import { Kafka, LogEntry, logLevel, Partitioners, Producer, RetryOptions } from 'kafkajs';
import { dlqTopic } from '@overgang/contracts';
import { safeError, stackFrames } from '@overgang/observability';

export const TOPIC_PARTITIONS = 3;

/**
 * kafkajs log lines through Nest's logger (pino, in a service), without known-harmless ones: the
 * idempotent producer's note on bounded retries (we bound them on purpose, so shutdown never
 * hangs), a fresh broker's "coordinator is loading", and the heartbeat errors of an ordinary group
 * rebalance, all of which kafkajs handles by itself.
 */
const HARMLESS =
  /Limiting retries for the idempotent producer|coordinator is loading|group is rebalancing|Response Heartbeat|REBALANCE_IN_PROGRESS|not the leader for that topic-partition/;

/** Texts kafkajs builds by appending an error's message: only the fixed part before it is kept. */
const WITH_MESSAGE =
  /^(Crash: \w+|Failed to send messages|Failed to execute listener|Caught error when (?:disconnecting|stopping) the consumer)(?=:|$)/;

/** kafkajs's own texts about brokers and the network, which quote no data. */
const NETWORK_TEXT =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection (?:error|timeout|closed)|Request timed out|leader|coordinator|rebalanc|Closed connection/i;

/**
 * What a kafkajs entry may put in a log line: its fixed message, the broker, client, group, topic
 * and partition, retry counts, and its error through safeError. A message value never reaches a
 * kafkajs log, but a handler's error does, so error texts are left out unless kafkajs wrote them
 * about the network.
 */
export function kafkaLogLine(namespace: string, log: LogEntry['log']): Record<string, unknown> {
  const { message, error, stack, broker, clientId, groupId, topic, partition, retryCount, retryTime } =
    log as unknown as Record<string, unknown>;
  const text = typeof message === 'string' ? message : '';
  const fixed = WITH_MESSAGE.exec(text)?.[1] ?? text;
  const facts = Object.entries({
    namespace,
    broker,
    clientId,
    groupId,
    topic,
    partition,
    retryCount,
    retryTime,
  });
  const line: Record<string, unknown> = {
    msg: fixed,
    kafka: Object.fromEntries(facts.filter(([, v]) => v !== undefined)),
  };
  if (typeof error === 'string') {
    if (NETWORK_TEXT.test(error)) line.reason = error;
  } else if (error !== undefined) line.err = safeError(error);
  const frames = typeof stack === 'string' ? stackFrames(stack) : [];
  if (frames.length > 0) line.stack = frames;
  return line;
}

export function kafkaLogCreator(): (entry: LogEntry) => void {
  const logger = new Logger('kafkajs');
  return ({ namespace, level, log }) => {
    const text = `${log.message}${log.error ? `: ${String(log.error)}` : ''}`;
    if (HARMLESS.test(text)) return;
    if (level > logLevel.WARN) return;
    const line = kafkaLogLine(namespace, log);
    if (level <= logLevel.ERROR) logger.error(line);
    else logger.warn(line);
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
