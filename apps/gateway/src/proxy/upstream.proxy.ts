import { IncomingMessage, ServerResponse } from 'http';
import { Logger } from '@nestjs/common';
import { safeError } from '@overgang/observability';
import { ProblemDocument, UNAVAILABLE_RETRY_AFTER_SECONDS, writeProblem } from '@overgang/web';
import { createProxyMiddleware, RequestHandler } from 'http-proxy-middleware';
import { Area, ownerOf } from './routes';

const logger = new Logger('UpstreamProxy');

/** A service that is down, refuses the connection or does not answer in time: 503, try again. */
export function upstreamUnavailable(area: Area, req: IncomingMessage, timedOut = false): ProblemDocument {
  return {
    type: 'urn:overgang:problem:gateway-upstream-unavailable',
    title: 'Service unavailable',
    status: 503,
    code: 'GATEWAY.UPSTREAM_UNAVAILABLE',
    /** Which service: the bokmål text names it too. */
    service: area,
    detail: timedOut
      ? `The ${area} service did not answer in time. Send the request again with the same Idempotency-Key: it is carried out at most once.`
      : `The ${area} service is not answering. Send the request again with the same Idempotency-Key: it is carried out at most once.`,
    instance: (req.url ?? '').split('?')[0],
    correlationId: req.headers['x-correlation-id'] as string | undefined,
  };
}

/**
 * Streams the requests this area owns (see routes.ts) to `target` untouched: full path, body, Authorization and
 * correlation id. Mounted at the root because a mount path would be stripped from the forwarded URL.
 */
export function proxyTo(area: Area, target: string, timeoutMs: number): RequestHandler {
  return createProxyMiddleware<IncomingMessage, ServerResponse>({
    target,
    changeOrigin: true,
    xfwd: true,
    pathFilter: (path) => ownerOf(path) === area,
    proxyTimeout: timeoutMs,
    on: {
      // The caller as the gateway sees it (TRUSTED_PROXIES), not a chain the caller could start itself.
      proxyReq: (proxyReq, req) => {
        proxyReq.setHeader('x-forwarded-for', (req as { ip?: string }).ip ?? req.socket.remoteAddress ?? '');
      },
      proxyRes: (proxyRes) => {
        delete proxyRes.headers['x-powered-by'];
      },
      error: (err: NodeJS.ErrnoException, req, res) => {
        logger.warn({
          msg: `${area} service failed a request`,
          err: safeError(err),
          correlationId: req.headers['x-correlation-id'],
        });
        if (!(res instanceof ServerResponse) || res.headersSent) {
          // Cut the connection rather than let a half-sent answer look complete.
          res.destroy();
          return;
        }
        // A refused connection reached nothing; a dropped one (a timeout aborts it) may have.
        const timedOut = err.code === 'ECONNRESET';
        writeProblem(
          res,
          {
            problem: upstreamUnavailable(area, req, timedOut),
            retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
          },
          req,
        );
      },
    },
  });
}
