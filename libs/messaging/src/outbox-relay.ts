import { Logger } from '@nestjs/common';
import { safeError } from '@overgang/observability';
import { Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';

interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  envelope: unknown;
  headers: Record<string, string>;
}

export interface OutboxRelayOptions {
  /** Advisory-lock id: one relay per schema publishes at a time, which keeps key order across replicas. */
  lockKey: number;
  pollMs: number;
  batchSize?: number;
}

/**
 * Publishes committed outbox rows to Kafka in sequence order. A row is marked published only after
 * the broker acknowledged it (acks=all); a crash in between republishes it, and consumers dedupe on
 * the envelope id.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pendingKick = false;

  constructor(
    private readonly ds: DataSource,
    private readonly producer: Producer,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loop;
  }

  /** Called after a transaction that wrote to the outbox committed: publish now, not at the next poll. */
  kick(): void {
    this.pendingKick = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.publishBatch();
        failures = 0;
        if (published === (this.options.batchSize ?? 500)) continue;
      } catch (err) {
        failures++;
        this.logger.warn({ msg: `outbox publish failed (attempt ${failures})`, err: safeError(err) });
      }
      const backoff = failures > 0 ? Math.min(5000, 100 * 2 ** failures) : this.options.pollMs;
      await this.idle(backoff);
    }
  }

  private idle(ms: number): Promise<void> {
    if (this.pendingKick) {
      this.pendingKick = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        this.pendingKick = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const limit = this.options.batchSize ?? 500;
    return this.ds.transaction(async (manager) => {
      const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(
        `SELECT pg_try_advisory_xact_lock($1) AS locked`,
        [this.options.lockKey],
      );
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT seq, topic, key, envelope, headers FROM outbox
         WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [limit],
      );
      if (rows.length === 0) return 0;
      // The broker refuses a timestamp too far from its own clock (log.message.timestamp.after.max.ms),
      // so a process whose clock has jumped would block the whole outbox with kafkajs's default of
      // Date.now(). The database clock is the hub's one time source.
      const timestamp = await databaseNowMs(manager);
      const byTopic = new Map<
        string,
        { key: string; value: string; headers: Record<string, string>; timestamp: string }[]
      >();
      for (const row of rows) {
        const list = byTopic.get(row.topic) ?? [];
        list.push({ key: row.key, value: JSON.stringify(row.envelope), headers: row.headers, timestamp });
        byTopic.set(row.topic, list);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      await manager.query(`UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [
        rows.map((r) => r.seq),
      ]);
      return rows.length;
    });
  }
}

/** The database's clock now, in epoch milliseconds as Kafka wants a message timestamp. */
export async function databaseNowMs(manager: Pick<EntityManager, 'query'>): Promise<string> {
  const [{ ms }] = await manager.query<Array<{ ms: string }>>(
    `SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS ms`,
  );
  return ms;
}
