import { EventContext, NewMessage } from '@overgang/messaging';
import type { ClockOrmEntity } from '../../infrastructure/clock.orm-entity';

/**
 * What a change to a clock needs: the transaction it commits in and the ids its events carry on.
 * Every EventContext is one.
 */
export type ClockContext = Pick<EventContext, 'manager' | 'correlationId' | 'causationId'>;

/** The outbox message announcing a change to a clock, caused by what the context carries. */
export function clockMessage<P extends object>(
  ctx: ClockContext,
  c: ClockOrmEntity,
  topic: string,
  payload: P,
): NewMessage<P> {
  return {
    topic,
    key: c.referralId,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    payload,
  };
}
