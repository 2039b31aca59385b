import { IHeaders, Kafka, Partitioners } from 'kafkajs';
import { dlqTopic } from '@overgang/contracts';

export interface ReplayResult {
  replayed: number;
}

/**
 * Sends what a topic's DLQ holds back to the topic, key and value untouched, once the cause is
 * fixed. The envelope id is kept, so a message that had in fact been handled is skipped by the
 * consumer's dedupe. The replay's own consumer group remembers how far it got, so nothing is
 * replayed twice; it stops when it has caught up with the DLQ.
 */
export async function replayDeadLetters(kafka: Kafka, topic: string): Promise<ReplayResult> {
  const source = dlqTopic(topic);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(source);
  const groupId = `dlq-replay-${topic}`;
  const committed = (await admin.fetchOffsets({ groupId, topics: [source] }))[0]?.partitions ?? [];
  await admin.disconnect();
  const remaining = new Map(
    ends.map((e) => {
      const done = committed.find((c) => c.partition === e.partition)?.offset ?? '-1';
      const from = Number(done) < 0 ? Number(e.low) : Number(done);
      return [e.partition, Number(e.high) - from] as const;
    }),
  );
  const total = [...remaining.values()].reduce((a, b) => a + Math.max(0, b), 0);
  if (total === 0) return { replayed: 0 };

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId });
  await Promise.all([producer.connect(), consumer.connect()]);
  let replayed = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  try {
    await consumer.subscribe({ topics: [source], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: IHeaders = { 'dlq-replayed-at': new Date().toISOString() };
        for (const [k, v] of Object.entries(message.headers ?? {})) if (!k.startsWith('dlq-')) headers[k] = v;
        await producer.send({
          topic,
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers }],
        });
        replayed++;
        remaining.set(partition, (remaining.get(partition) ?? 1) - 1);
        if ([...remaining.values()].every((n) => n <= 0)) done();
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return { replayed };
}
