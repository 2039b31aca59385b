import { Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { IHeaders, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import {
  dlqTopic,
  EnvelopeV1,
  PayloadOf,
  Topic,
  validateEnvelope,
  validatePayload,
} from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { describeError, runWithLogContext, safeError } from '@overgang/observability';
import { databaseErrorMeaning, inTransaction } from '@overgang/persistence';
import { databaseNowMs } from './outbox-relay';

/** What every event handler in every service is given beside the event's payload. */
export interface EventContext {
  /** The consumer's transaction: the handler's effects commit with the dedupe record. */
  manager: EntityManager;
  envelope: EnvelopeV1;
  /** Carried on to every message the handler publishes. */
  correlationId: string;
  /** The event's own id: the cause of every message the handler publishes. */
  causationId: string;
}

/** The one signature of an application's event handler. */
export type MessageHandler<T extends Topic> = (payload: PayloadOf<T>, ctx: EventContext) => Promise<void>;

export interface MessageProcessorOptions {
  /** Names the consumer in the processed-message table; one per consuming service. */
  consumer: string;
  maxAttempts: number;
  /** Delay before retry n (1-based) in ms. */
  backoffMs?: (attempt: number) => number;
  /**
   * Fault injection for tests only: runs after the effects committed but before the offset can be
   * committed, to prove a crash there is redelivered without doubling the effect.
   */
  afterEffectsCommitted?: (envelope: EnvelopeV1) => void | Promise<void>;
}

export type Outcome = 'processed' | 'duplicate' | 'dead-lettered';

/**
 * The one way a service consumes a message: validate → dedupe → handle → record, with the dedupe
 * record and the effects in one transaction. A message that cannot be handled goes to the DLQ
 * (at once when invalid, after maxAttempts otherwise) so the partition moves on instead of
 * retrying forever.
 */
export class MessageProcessor {
  private readonly logger: Logger;

  constructor(
    private readonly ds: DataSource,
    private readonly dlqProducer: Producer,
    private readonly options: MessageProcessorOptions,
  ) {
    this.logger = new Logger(`MessageProcessor:${options.consumer}`);
  }

  async process<T extends Topic>(topic: T, ctx: KafkaContext, handler: MessageHandler<T>): Promise<Outcome> {
    const message = ctx.getMessage();
    let raw: unknown;
    try {
      raw = JSON.parse(toText(message.value));
    } catch {
      return this.deadLetter(topic, ctx, 'invalid-json', 'value is not JSON', 0);
    }
    const envelope = await validateEnvelope(raw);
    if (!envelope.ok) {
      return this.deadLetter(topic, ctx, 'invalid-envelope', describe(envelope.violations), 0);
    }
    if (envelope.value.type !== topic) {
      return this.deadLetter(topic, ctx, 'wrong-type', `type ${envelope.value.type} on topic ${topic}`, 0);
    }
    const payload = await validatePayload(topic, envelope.value.payload);
    if (!payload.ok) {
      return this.deadLetter(topic, ctx, 'invalid-payload', describe(payload.violations), 0);
    }

    // Every line logged while handling it, the database's included, carries the message's correlation id.
    const { correlationId } = envelope.value;
    return runWithLogContext({ correlationId }, () =>
      this.handleWithRetries(topic, ctx, envelope.value, payload.value, handler),
    );
  }

  private async handleWithRetries<T extends Topic>(
    topic: T,
    ctx: KafkaContext,
    envelope: EnvelopeV1,
    payload: PayloadOf<T>,
    handler: MessageHandler<T>,
  ): Promise<Outcome> {
    const where = { topic, partition: ctx.getPartition(), offset: ctx.getMessage().offset };
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.handleOnce(topic, envelope, payload, handler);
        if (outcome === 'processed' && this.options.afterEffectsCommitted) {
          await this.options.afterEffectsCommitted(envelope);
        }
        return outcome;
      } catch (err) {
        if (err instanceof SimulatedCrash) throw err;
        const permanent = err instanceof DomainError;
        const reason = describeError(err);
        // A database that is briefly away is no reason to dead-letter: keep trying for minutes.
        const limit = isTransient(err)
          ? this.options.maxAttempts * TRANSIENT_FACTOR
          : this.options.maxAttempts;
        if (permanent || attempt >= limit) {
          return this.deadLetter(topic, ctx, permanent ? 'rejected' : 'failed', reason, attempt, envelope);
        }
        this.logger.warn({
          msg: `handling ${envelope.id} failed (attempt ${attempt}/${this.options.maxAttempts}) at ${where.topic}/${where.partition}@${where.offset}`,
          err: safeError(err),
        });
        await ctx.getHeartbeat()();
        await delay(this.options.backoffMs?.(attempt) ?? Math.min(5000, 200 * 2 ** (attempt - 1)));
      }
    }
  }

  private async handleOnce<T extends Topic>(
    topic: T,
    envelope: EnvelopeV1,
    payload: PayloadOf<T>,
    handler: MessageHandler<T>,
  ): Promise<Outcome> {
    return inTransaction(this.ds, async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO processed_message (consumer, message_id, topic) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING message_id`,
        [this.options.consumer, envelope.id, topic],
      );
      if (inserted.length === 0) return 'duplicate';
      await handler(payload, {
        manager,
        envelope,
        correlationId: envelope.correlationId,
        causationId: envelope.id,
      });
      return 'processed';
    });
  }

  private async deadLetter(
    topic: string,
    ctx: KafkaContext,
    reason: string,
    error: string,
    attempts: number,
    envelope?: EnvelopeV1,
  ): Promise<Outcome> {
    const message = ctx.getMessage();
    const headers: IHeaders = {
      ...(message.headers ?? {}),
      'dlq-reason': reason,
      'dlq-error': error.slice(0, 1000),
      'dlq-consumer': this.options.consumer,
      'dlq-original-topic': topic,
      'dlq-original-partition': String(ctx.getPartition()),
      'dlq-original-offset': String(message.offset),
      'dlq-attempts': String(attempts),
      'dlq-failed-at': new Date().toISOString(),
    };
    // Stamped by the database clock, as the relay does, so a skewed process clock cannot make the
    // broker refuse it; with the database away, the original's timestamp, which the broker took.
    const timestamp = await databaseNowMs(this.ds).catch(() => message.timestamp);
    // If this send fails the error propagates, the offset is not committed and the message is
    // redelivered: nothing is lost.
    await this.dlqProducer.send({
      topic: dlqTopic(topic),
      acks: -1,
      messages: [{ key: message.key ?? null, value: message.value ?? null, headers, timestamp }],
    });
    this.logger.error(
      `dead-lettered ${envelope?.id ?? 'unparsed message'} from ${topic}/${ctx.getPartition()}@${message.offset}: ${reason}: ${error}`,
    );
    return 'dead-lettered';
  }
}

const TRANSIENT_FACTOR = 40;

/** Connection loss, deadlock, serialization failure, server going down or out of resources. */
export function isTransient(err: unknown): boolean {
  // Bad data and constraint violations never get better by waiting, however they were raised.
  if (/^(22|23|42)/.test((err as { code?: string } | null)?.code ?? '')) return false;
  // Otherwise the one classification HTTP uses for 503: libs/persistence knows every way a database is away.
  return databaseErrorMeaning(err)?.kind === 'unavailable';
}

/** Thrown by test fault injection to simulate a process dying between the DB commit and the offset commit. */
export class SimulatedCrash extends Error {}

function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function describe(violations: { field: string; rule: string }[]): string {
  return violations.map((v) => `${v.field} fails ${v.rule}`).join('; ');
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
