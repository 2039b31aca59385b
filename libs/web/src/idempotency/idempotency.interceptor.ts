import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { defer, from, mergeMap, Observable, of, catchError, finalize } from 'rxjs';
import { EntityManager } from 'typeorm';
import { Principal } from '@overgang/auth';
import { DomainError } from '@overgang/core';
import { safeError } from '@overgang/observability';
import { addTransactionHook } from '@overgang/persistence';
import {
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyScope,
  keyReused,
  parseIdempotencyKey,
  ReceivedFile,
  requestFingerprint,
  requestInFlight,
  UNSAFE_METHODS,
} from './idempotency-key';
import { IdempotencyKeyRepository, StoredIdempotencyKey } from './idempotency-key.repository';

interface KeyedRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  user?: Principal;
  file?: ReceivedFile;
  files?: ReceivedFile[] | Record<string, ReceivedFile[]>;
}

interface KeyedResponse {
  setHeader(name: string, value: string): void;
}

/** The key was recorded by a twin request that committed first; this transaction rolls back. */
class TwinCommitted extends Error {
  constructor() {
    super('A request with the same Idempotency-Key committed first.');
  }
}

/** One keyed request on its way through. */
class Attempt {
  /** The content hash, once known: at once for a parsed body, after multer for a multipart one. */
  hash: string | null;
  /** The key was inserted in the transaction now ending. */
  claiming = false;
  /** The key is recorded: the transaction that inserted it committed. */
  claimed = false;
  holdsSlot = false;

  constructor(
    readonly scope: IdempotencyScope,
    readonly status: number,
    private readonly req: KeyedRequest,
  ) {
    // Multer reads a multipart body only inside the route, after this interceptor has run.
    this.hash = /^multipart\//i.test(String(req.headers['content-type'] ?? '')) ? null : this.fingerprint();
  }

  fingerprint(): string {
    const f = this.req.files;
    const files = [
      ...(this.req.file ? [this.req.file] : []),
      ...(Array.isArray(f) ? f : Object.values(f ?? {}).flat()),
    ];
    const query = this.req.originalUrl.split('?')[1] ?? '';
    return requestFingerprint({ query, body: this.req.body, files });
  }
}

/**
 * Honours an Idempotency-Key on every request that changes something (IETF httpapi draft): the
 * same key and content within 24 hours gets the first answer again and changes nothing; other
 * content is 422; a twin still in flight is 409. The key is recorded in the transaction of the
 * effect (a transaction hook), so a key exists exactly when its effect committed, and a twin
 * racing on another replica conflicts on the insert and rolls back.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  /** Keyed requests this replica is processing, with their content hash: a twin gets 409 at once. */
  private readonly inFlight = new Map<string, string | null>();

  constructor(
    private readonly keys: IdempotencyKeyRepository,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<KeyedRequest>();
    const res = context.switchToHttp().getResponse<KeyedResponse>();
    const raw = req.headers['idempotency-key'];
    if (!UNSAFE_METHODS.has(req.method) || raw === undefined) return next.handle();
    const scope: IdempotencyScope = {
      caller: req.user ? `${req.user.organisationNumber}/${req.user.userId}` : 'anonymous',
      method: req.method,
      path: req.originalUrl.split('?')[0],
      key: parseIdempotencyKey(raw),
    };
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (req.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const attempt = new Attempt(scope, status, req);
    const slot = JSON.stringify([scope.caller, scope.method, scope.path, scope.key]);
    return defer(() => this.lookUp(attempt, slot, res)).pipe(
      mergeMap((stored) => (stored ? of(this.replay(res, stored)) : this.run(attempt, next, res))),
      finalize(() => {
        if (attempt.holdsSlot) this.inFlight.delete(slot);
      }),
    );
  }

  /** Before the handler: the stored answer to replay, or null to go on; refuses a reuse or a twin. */
  private async lookUp(attempt: Attempt, slot: string, res: KeyedResponse) {
    // Checked and taken before the first await, so two twins on this replica cannot both pass.
    if (this.inFlight.has(slot)) {
      const other = this.inFlight.get(slot);
      throw attempt.hash && other && other !== attempt.hash ? keyReused() : this.busy(res);
    }
    this.inFlight.set(slot, attempt.hash);
    attempt.holdsSlot = true;
    const stored = await this.keys.find(attempt.scope);
    if (!stored) return null;
    return this.decide(attempt, stored, res);
  }

  private decide(attempt: Attempt, stored: StoredIdempotencyKey, res: KeyedResponse) {
    // A multipart body is compared once it is read: the key's insert at commit then decides.
    if (attempt.hash === null) {
      if (!stored.response) throw this.busy(res);
      return null;
    }
    if (stored.requestHash !== attempt.hash) throw keyReused();
    if (!stored.response) throw this.busy(res);
    return stored;
  }

  private run(attempt: Attempt, next: CallHandler, res: KeyedResponse): Observable<unknown> {
    const added = addTransactionHook({
      beforeCommit: (manager, result) => this.claim(attempt, manager, result),
      afterTransaction: (committed) => {
        if (attempt.claiming) attempt.claimed = committed;
        attempt.claiming = false;
      },
    });
    if (!added) throw new Error('An Idempotency-Key needs the request scope (requestScope middleware).');
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.storeAnswer(attempt, body);
        return body;
      }),
      catchError((err: unknown) => from(this.afterFailure(attempt, err, res))),
    );
  }

  /** In the effect's transaction, just before COMMIT; once per request. */
  private async claim(attempt: Attempt, manager: EntityManager, result: unknown): Promise<void> {
    if (attempt.claimed) return;
    attempt.hash ??= attempt.fingerprint();
    // The transaction's result is stored with the key as a provisional answer, so a retry after a
    // crash between COMMIT and the final answer is replayed instead of refused until the key expires.
    const provisional = { status: attempt.status, body: result };
    if (!(await this.keys.claim(manager, attempt.scope, attempt.hash, provisional)))
      throw new TwinCommitted();
    attempt.claiming = true;
  }

  private async storeAnswer(attempt: Attempt, body: unknown): Promise<void> {
    const { scope, status } = attempt;
    try {
      if (attempt.claimed) {
        await this.keys.complete(scope, attempt.hash!, status, body);
      } else {
        this.logger.warn(
          `${scope.method} ${scope.path} answered without a transaction; its Idempotency-Key is recorded afterwards`,
        );
        await this.keys.recordAnswered(scope, attempt.hash ?? attempt.fingerprint(), status, body);
      }
    } catch (err) {
      // The effect has committed: answer it. A retry gets the provisional answer, never a second effect.
      this.logger.error({ msg: 'could not store the answer for an Idempotency-Key', err: safeError(err) });
    }
  }

  /**
   * The request failed before its key was recorded. If a twin recorded it meanwhile (its insert
   * won, or its effect made this one fail), the twin's answer is this request's answer.
   */
  private async afterFailure(attempt: Attempt, err: unknown, res: KeyedResponse): Promise<unknown> {
    if (attempt.claimed) throw err;
    let stored: StoredIdempotencyKey | null;
    try {
      stored = await this.keys.find(attempt.scope);
    } catch {
      throw err;
    }
    if (!stored) throw err instanceof TwinCommitted ? this.busy(res) : err;
    const hash = attempt.hash ?? attempt.fingerprint();
    if (stored.requestHash !== hash) throw keyReused();
    if (!stored.response) throw this.busy(res);
    return this.replay(res, stored);
  }

  private replay(res: KeyedResponse, stored: StoredIdempotencyKey): unknown {
    res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
    // The route answers with its own status, the one stored with the first answer.
    return stored.response?.body;
  }

  private busy(res: KeyedResponse): DomainError {
    res.setHeader('Retry-After', '1');
    return requestInFlight();
  }
}
