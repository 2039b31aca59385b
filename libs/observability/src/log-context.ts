import { AsyncLocalStorage } from 'async_hooks';
import { IncomingMessage, ServerResponse } from 'http';

/** What every log line written inside a request or a consumed message is stamped with. */
export interface LogContext {
  correlationId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** Runs `fn` so that the lines it logs carry `context` (a consumed message's correlation id). */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * Stamps the lines logged while handling the request with its correlation id. Mount it after the
 * body parsers and after the correlation id is set: a body parser calls on from a stream callback,
 * outside any scope opened before it.
 */
export function requestLogContext(req: IncomingMessage, _res: ServerResponse, next: () => void): void {
  const id = req.headers['x-correlation-id'];
  storage.run({ correlationId: typeof id === 'string' ? id : undefined }, next);
}
