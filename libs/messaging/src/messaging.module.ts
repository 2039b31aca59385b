import {
  DynamicModule,
  Global,
  Inject,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createKafka, createReliableProducer, ensureTopics } from './kafka';
import { MessageProcessor, MessageProcessorOptions } from './message-processor';
import { OutboxWriter } from './outbox';
import { OutboxRelay } from './outbox-relay';

export interface MessagingModuleOptions {
  service: string;
  brokers: string[];
  /** Topics the service publishes or consumes; created with their DLQs at start. */
  topics: string[];
  maxAttempts: number;
  outboxPollMs: number;
  /** Distinct per service schema: one outbox relay per schema publishes at a time. */
  outboxLockKey: number;
  afterEffectsCommitted?: MessageProcessorOptions['afterEffectsCommitted'];
}

export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
const OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Starts the outbox relay once the app is up and stops it (and the producer) on shutdown. */
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.producer.disconnect();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        {
          provide: KAFKA,
          useFactory: async () => {
            const kafka = createKafka(options.service, options.brokers);
            await ensureTopics(kafka, options.topics);
            return kafka;
          },
        },
        {
          provide: KAFKA_PRODUCER,
          inject: [KAFKA],
          useFactory: async (kafka: Kafka) => {
            const producer = createReliableProducer(kafka);
            await producer.connect();
            return producer;
          },
        },
        { provide: OutboxWriter, useValue: new OutboxWriter(options.service) },
        {
          provide: OutboxRelay,
          inject: [getDataSourceToken(), KAFKA_PRODUCER, OutboxWriter],
          useFactory: (ds: DataSource, producer: Producer, writer: OutboxWriter) => {
            const relay = new OutboxRelay(ds, producer, {
              lockKey: options.outboxLockKey,
              pollMs: options.outboxPollMs,
            });
            // Every committed outbox write wakes the relay, wherever it was written.
            writer.onCommitted(() => relay.kick());
            ds.subscribers.push(writer.commitSubscriber());
            return relay;
          },
        },
        {
          provide: MessageProcessor,
          inject: [getDataSourceToken(), KAFKA_PRODUCER],
          useFactory: (ds: DataSource, producer: Producer) =>
            new MessageProcessor(ds, producer, {
              consumer: options.service,
              maxAttempts: options.maxAttempts,
              afterEffectsCommitted: options.afterEffectsCommitted,
            }),
        },
        MessagingLifecycle,
      ],
      exports: [KAFKA, KAFKA_PRODUCER, OutboxWriter, OutboxRelay, MessageProcessor],
    };
  }
}
