import { IncomingMessage, ServerResponse } from 'http';
import { Logger } from '@nestjs/common';
import { ProblemDocument } from '@overgang/web';
import { createProxyMiddleware, RequestHandler } from 'http-proxy-middleware';
import { Area, ownerOf } from './routes';

const logger = new Logger('UpstreamProxy');

export function upstreamUnavailable(area: Area, req: IncomingMessage): ProblemDocument {
  return {
    type: 'urn:overgang:problem:gateway-upstream-unavailable',
    title: 'Service unavailable',
    status: 502,
    code: 'GATEWAY.UPSTREAM_UNAVAILABLE',
    detail: `The ${area} service is not answering. Nothing was changed; try again shortly.`,
    instance: (req.url ?? '').split('?')[0],
    correlationId: req.headers['x-correlation-id'] as string | undefined,
  };
}

/**
 * Streams the requests this area owns (see routes.ts) to `target` untouched: full path, body, Authorization and
 * correlation id. Mounted at the root because a mount path would be stripped from the forwarded URL.
 */
export function proxyTo(area: Area, target: string): RequestHandler {
  return createProxyMiddleware<IncomingMessage, ServerResponse>({
    target,
    changeOrigin: true,
    xfwd: true,
    pathFilter: (path) => ownerOf(path) === area,
    proxyTimeout: 30_000,
    on: {
      error: (err: NodeJS.ErrnoException, req, res) => {
        logger.warn(
          `${area} service failed a request (${err.code ?? err.message}); correlation id ${String(req.headers['x-correlation-id'])}`,
        );
        if (!(res instanceof ServerResponse) || res.headersSent) {
          // Cut the connection rather than let a half-sent answer look complete.
          res.destroy();
          return;
        }
        res.writeHead(502, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify(upstreamUnavailable(area, req)));
      },
    },
  });
}
