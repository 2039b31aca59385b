import { randomUUID } from 'crypto';
import { EnvelopeV1 } from '@overgang/contracts';

export interface NewMessage<P extends object = object> {
  topic: string;
  key: string;
  payload: P;
  correlationId: string;
  causationId?: string | null;
  occurredAt?: Date;
}

export function newEnvelope<P extends object>(
  producer: string,
  m: NewMessage<P>,
  sequence?: number,
): EnvelopeV1<P> {
  return {
    id: randomUUID(),
    type: m.topic,
    occurredAt: (m.occurredAt ?? new Date()).toISOString(),
    producer,
    correlationId: m.correlationId,
    causationId: m.causationId ?? null,
    key: m.key,
    ...(sequence === undefined ? {} : { sequence }),
    payload: m.payload,
  };
}
