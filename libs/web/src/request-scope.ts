import { NextFunction, Request, Response } from 'express';
import { runWithTransactionHooks } from '@overgang/persistence';

/** Opens the request's scope: the transactions it commits run the hooks added for this request. */
export function requestScope(_req: Request, _res: Response, next: NextFunction): void {
  runWithTransactionHooks(next);
}
