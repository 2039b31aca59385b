import { EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { EnvelopeV1 } from '@overgang/contracts';
import { newEnvelope, NewMessage } from './envelope';

/** Marks a transaction's query runner as having written to the outbox. */
const WROTE_OUTBOX = 'overgang.outboxWritten';

/**
 * Writes outgoing messages into the service's outbox inside the caller's transaction, so a state
 * change and the event announcing it commit together or not at all. Once a transaction that wrote
 * here has committed, the writer wakes the relay itself: callers never kick it by hand, and a
 * rolled-back transaction wakes nothing. Each envelope carries its key's next sequence number, so
 * consumers can tell an older message from a newer one whatever order they receive them in.
 */
export class OutboxWriter {
  private committed: () => void = () => undefined;

  constructor(private readonly producer: string) {}

  /** Called once for every committed transaction that wrote to the outbox (the relay's kick). */
  onCommitted(fn: () => void): void {
    this.committed = fn;
  }

  /** The TypeORM subscriber that sees commits; registered on the service's DataSource. */
  commitSubscriber(): EntitySubscriberInterface {
    return {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        const runner = event.queryRunner;
        // Releasing a savepoint also broadcasts a commit; only the outermost one is durable.
        if (runner.isTransactionActive || !(runner.data as Record<string, unknown>)?.[WROTE_OUTBOX]) return;
        (runner.data as Record<string, unknown>)[WROTE_OUTBOX] = false;
        this.committed();
      },
    };
  }

  async write<P extends object>(manager: EntityManager, message: NewMessage<P>): Promise<EnvelopeV1<P>> {
    // The counter row stays locked until this transaction ends, so a later writer for the same key
    // waits and gets the next number: sequence order is commit order. An event that does not say when
    // it happened is stamped by the database clock, the hub's one time source, not this process's.
    const [{ sequence, now }] = await manager.query<Array<{ sequence: string; now: Date }>>(
      `INSERT INTO outbox_sequence (key, last_sequence) VALUES ($1, 1)
       ON CONFLICT (key) DO UPDATE SET last_sequence = outbox_sequence.last_sequence + 1
       RETURNING last_sequence AS sequence, clock_timestamp() AS now`,
      [message.key],
    );
    const envelope = newEnvelope(
      this.producer,
      { ...message, occurredAt: message.occurredAt ?? now },
      Number(sequence),
    );
    await manager.query(
      `INSERT INTO outbox (id, topic, key, envelope, headers) VALUES ($1, $2, $3, $4, $5)`,
      [
        envelope.id,
        message.topic,
        message.key,
        JSON.stringify(envelope),
        JSON.stringify({ 'x-correlation-id': envelope.correlationId, 'x-message-type': envelope.type }),
      ],
    );
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      runner.data = { ...(runner.data as Record<string, unknown>), [WROTE_OUTBOX]: true };
    } else {
      this.committed();
    }
    return envelope;
  }
}
