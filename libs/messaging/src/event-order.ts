import { EnvelopeV1 } from '@overgang/contracts';

/** Where a consumed event stands among its producer's events for the same key. */
export interface EventOrder {
  /** The envelope's per-key sequence; null from a producer that predates it. */
  sequence: number | null;
  /** When the fact happened; compared only when either side lacks a sequence. */
  at: Date;
}

/** What a row last applied from one producer (pg returns bigint as a string). */
export interface StoredOrder {
  sequence: number | string | null;
  at: Date | null;
}

/** The event's order: its envelope's sequence, and the fact's own time (default: occurredAt). */
export function eventOrder(
  envelope: Pick<EnvelopeV1, 'sequence' | 'occurredAt'>,
  at?: Date | string,
): EventOrder {
  return { sequence: envelope.sequence ?? null, at: new Date(at ?? envelope.occurredAt) };
}

/**
 * Whether an event is newer than what a row last applied. Sequences decide when both sides have
 * one (they come from one producer's counter for one key, so they never tie for two facts);
 * otherwise the facts' times do, and a tie applies, as it did before sequences existed.
 */
export function isNewer(incoming: EventOrder, stored: StoredOrder | null): boolean {
  if (!stored) return true;
  if (incoming.sequence !== null && stored.sequence !== null) {
    return incoming.sequence > Number(stored.sequence);
  }
  return stored.at === null || incoming.at.getTime() >= stored.at.getTime();
}

/**
 * The same rule as a SQL condition, for a conditional UPDATE or an upsert's `DO UPDATE … WHERE`, so
 * two consumers racing on one row are decided by the row lock: `stored` names the row's columns,
 * `incoming` the placeholders of the event's sequence and time.
 */
export function isNewerSql(
  stored: { sequence: string; at: string },
  incoming: { sequence: string; at: string },
): string {
  return `(CASE WHEN ${incoming.sequence}::bigint IS NOT NULL AND ${stored.sequence} IS NOT NULL
    THEN ${incoming.sequence}::bigint > ${stored.sequence}
    ELSE ${stored.at} IS NULL OR ${incoming.at}::timestamptz >= ${stored.at} END)`;
}
