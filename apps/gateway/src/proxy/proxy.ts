import { randomUUID } from 'crypto';
import { IncomingMessage, ServerResponse } from 'http';
import { Socket } from 'net';
import { NextFunction, Request, Response } from 'express';
import { createProxyMiddleware, RequestHandler } from 'http-proxy-middleware';
import { Area } from '../config/env.schema';

function problem(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/problem+json');
  res.end(JSON.stringify({ status, ...body }));
}

/** Same rule as the services: keep a sane incoming correlation id, else make one. */
export function correlationId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-correlation-id'];
  const id = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  req.headers['x-correlation-id'] = id;
  res.setHeader('x-correlation-id', id);
  next();
}

/** Streams requests under `prefix` to `target` untouched (full path, body, Authorization). */
export function proxyTo(prefix: string, area: Area, target: string): RequestHandler {
  return createProxyMiddleware<IncomingMessage, ServerResponse>({
    target,
    changeOrigin: true,
    pathFilter: (path) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
    proxyTimeout: 30_000,
    on: {
      error: (_err, req, res) => {
        const out = res instanceof Socket ? null : (res as ServerResponse);
        if (!out) return;
        problem(out, 502, {
          type: 'urn:overgang:problem:gateway-upstream-unavailable',
          title: 'Service unavailable',
          code: 'GATEWAY.UPSTREAM_UNAVAILABLE',
          detail: `The ${area} service is not answering. Nothing was changed; try again shortly.`,
          instance: (req.url ?? '').split('?')[0],
          correlationId: req.headers['x-correlation-id'],
        });
      },
    },
  });
}

/** Anything under /api that no service owns. */
export function unknownApi(req: Request, res: Response): void {
  problem(res, 404, {
    type: 'urn:overgang:problem:http-404',
    title: 'Not found',
    code: 'HTTP.404',
    detail: 'There is nothing here, or you may not see it.',
    instance: req.path,
    correlationId: req.headers['x-correlation-id'],
  });
}
