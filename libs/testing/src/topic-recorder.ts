import { randomUUID } from 'crypto';
import { Consumer, IHeaders, Kafka, logLevel } from 'kafkajs';

export interface RecordedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** The Kafka timestamp, epoch ms as a string. */
  timestamp: string;
}

function headersToText(h: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {}))
    out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v ?? '');
  return out;
}

/** Watches topics from the beginning with a throw-away consumer group, to observe what the hub published. */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private consumer: Consumer | null = null;

  constructor(
    private readonly brokers: string[],
    private readonly topics: string[],
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({ clientId: 'test-recorder', brokers: this.brokers, logLevel: logLevel.NOTHING });
    this.consumer = kafka.consumer({ groupId: `test-recorder-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    let joined!: () => void;
    const ready = new Promise<void>((r) => (joined = r));
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => joined());
    await this.consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headersToText(message.headers),
          timestamp: message.timestamp,
        });
        return Promise.resolve();
      },
    });
    await ready;
  }

  /** Envelopes (parsed values) on a topic whose Kafka key is `key`. */
  envelopes(
    topic: string,
    key?: string,
  ): Array<{ id: string; type: string; key: string; payload: Record<string, unknown> }> {
    return this.messages
      .filter((m) => m.topic === topic && (key === undefined || m.key === key) && m.value)
      .map(
        (m) =>
          JSON.parse(m.value as string) as {
            id: string;
            type: string;
            key: string;
            payload: Record<string, unknown>;
          },
      );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
