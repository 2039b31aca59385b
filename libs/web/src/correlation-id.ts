import { randomUUID } from 'crypto';
import { NextFunction, Request, Response } from 'express';

/** Keeps a sane incoming correlation id, else makes one; on the request and the answer alike. */
export function correlationId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-correlation-id'];
  const id = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  req.headers['x-correlation-id'] = id;
  res.setHeader('x-correlation-id', id);
  next();
}
