import { randomUUID } from 'crypto';
import { NextFunction, Request, Response } from 'express';

/** Same rule as libs/web's services: keep a sane incoming correlation id, else make one. */
export function correlationId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-correlation-id'];
  const id = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  req.headers['x-correlation-id'] = id;
  res.setHeader('x-correlation-id', id);
  next();
}
