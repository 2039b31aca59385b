import { EntityManager } from 'typeorm';
import { EnvelopeV1 } from '@overgang/contracts';
import { newEnvelope, NewMessage } from './envelope';

/**
 * Writes outgoing messages into the service's outbox inside the caller's transaction, so a state
 * change and the event announcing it commit together or not at all.
 */
export class OutboxWriter {
  constructor(private readonly producer: string) {}

  async write<P extends object>(manager: EntityManager, message: NewMessage<P>): Promise<EnvelopeV1<P>> {
    const envelope = newEnvelope(this.producer, message);
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
    return envelope;
  }
}
