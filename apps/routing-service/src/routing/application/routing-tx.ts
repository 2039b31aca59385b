import { EntityManager } from 'typeorm';

/**
 * The transaction routing works in and the trace its messages carry: an event's context, or a
 * directory change's (which has no causing message).
 */
export interface RoutingTx {
  manager: EntityManager;
  correlationId: string;
  causationId?: string | null;
}
