import { IncomingMessage, ServerResponse } from 'http';
import { Logger as Pino } from 'pino';
import { maskNationalIds } from './safe-error';

interface RoutedRequest extends IncomingMessage {
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * The route a request took, for a log line: the controller's pattern (`/api/v1/referrals/:id`) when
 * one matched, else the path; never the query string, where a search term may stand.
 */
export function routeOf(req: RoutedRequest): string {
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}`;
  return maskNationalIds((req.originalUrl ?? req.url ?? '').split('?')[0]);
}

/**
 * One line per HTTP request once it is answered: method, route, status, duration and correlation
 * id. By construction nothing else: no query string, no headers, no body.
 */
export function requestLog(logger: Pino) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    let done = false;
    const write = (aborted: boolean) => {
      if (done) return;
      done = true;
      const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      const status = res.statusCode;
      const route = routeOf(req);
      const correlationId = req.headers['x-correlation-id'];
      const line = {
        http: { method: req.method, route, status, durationMs, ...(aborted ? { aborted } : {}) },
        correlationId: typeof correlationId === 'string' ? correlationId : undefined,
      };
      const text = `${req.method} ${route} ${aborted ? 'aborted' : status}`;
      if (status >= 500) logger.warn(line, text);
      else logger.info(line, text);
    };
    res.once('finish', () => write(false));
    res.once('close', () => write(!res.writableFinished));
    next();
  };
}
