import { Logger } from '@nestjs/common';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { EntityManager } from 'typeorm';
import { addTransactionHook, TransactionHook } from '@overgang/persistence';
import { RequestTimedOutError, timedOutProblem, writeProblem } from './problem';

export interface RequestDeadlineOptions {
  /** REQUEST_TIMEOUT_MS: when the caller is answered 503 if nothing has been committed. */
  timeoutMs: number;
  /** The pool's statement timeout; a request's statements never get more than that. */
  statementTimeoutMs: number;
}

/**
 * A statement of a request may outlive the deadline by this much. The deadline itself is kept by
 * the commit hook; the statement bound only frees the connection of a request already answered.
 */
const STATEMENT_GRACE_MS = 1_000;

export const TIMED_OUT_RETRY_AFTER_SECONDS = 5;

type State = 'running' | 'committing' | 'committed' | 'timed-out' | 'done';

/**
 * One request's deadline, as a transaction hook. running → committing → committed (the answer
 * will come), or running → timed-out (the caller got 503, or went away): from then on a
 * transaction of the request can neither start nor commit. Once COMMIT has been sent the
 * deadline waits: the caller is never told "failed" about something that may have been stored.
 */
export class RequestDeadline implements TransactionHook {
  private state: State = 'running';
  private readonly endsAt: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly options: RequestDeadlineOptions,
    private readonly onTimeout: () => void,
  ) {
    this.endsAt = Date.now() + options.timeoutMs;
    this.timer = setTimeout(() => this.expire(), options.timeoutMs);
  }

  /** Bounds the transaction's statements to the time left (plus a grace), so none runs on long after. */
  async begin(manager: EntityManager): Promise<void> {
    if (this.late()) throw new RequestTimedOutError();
    const ms = Math.min(this.options.statementTimeoutMs, this.endsAt - Date.now() + STATEMENT_GRACE_MS);
    await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [String(Math.max(1, ms))]);
  }

  beforeCommit(): Promise<void> {
    if (this.late()) return Promise.reject(new RequestTimedOutError());
    if (this.state === 'running') this.state = 'committing';
    return Promise.resolve();
  }

  afterTransaction(committed: boolean): void {
    if (this.state !== 'committing') return;
    this.state = committed ? 'committed' : 'running';
    if (!committed && Date.now() >= this.endsAt) this.expire();
  }

  /** The answer went out. */
  finished(): void {
    if (this.state === 'running' || this.state === 'committed') this.state = 'done';
    clearTimeout(this.timer);
  }

  /** The caller hung up before an answer: it counts as failed, so nothing more may commit. */
  abandoned(): void {
    clearTimeout(this.timer);
    if (this.state === 'running') this.state = 'timed-out';
  }

  private late(): boolean {
    if (this.state === 'running' && Date.now() >= this.endsAt) this.expire();
    return this.state === 'timed-out';
  }

  private expire(): void {
    if (this.state !== 'running') return;
    this.state = 'timed-out';
    clearTimeout(this.timer);
    this.onTimeout();
  }
}

const logger = new Logger('RequestDeadline');

/**
 * Gives every request a deadline (mounted inside the request scope, see request-scope.ts): past
 * it the caller gets 503 problem+json with Retry-After, and the request's transaction rolls back.
 */
export function requestDeadline(options: RequestDeadlineOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const deadline = new RequestDeadline(options, () => {
      logger.warn(
        `request ${String(req.headers['x-correlation-id'] ?? '-')} (${req.method} ${req.path}) ran past its ${options.timeoutMs} ms deadline; answered 503`,
      );
      if (res.headersSent) return;
      writeProblem(
        res,
        { problem: timedOutProblem(), retryAfterSeconds: TIMED_OUT_RETRY_AFTER_SECONDS },
        req,
      );
    });
    res.once('finish', () => deadline.finished());
    res.once('close', () => (res.writableFinished ? deadline.finished() : deadline.abandoned()));
    addTransactionHook(deadline);
    next();
  };
}
