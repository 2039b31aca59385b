import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, Observable } from 'rxjs';
import { Principal } from '@overgang/auth';
import { AccessObjectType } from '@overgang/contracts';
import { DomainError } from '@overgang/core';
import { AccessLog } from '../../application/access-log/access-log';

/** Where a by-id route finds the ids it names: path parameters, or the query string. */
export interface RefusalLogged {
  objectType: AccessObjectType;
  action: string;
  /** The parameter with the referral id, if the object is a referral's. */
  referral?: string;
  /** The parameter with the consent id, if the object is a consent. */
  consent?: string;
  /** The parameter with the object's own id, if it is neither (an attachment). */
  object?: string;
  /** Where the parameters are: the path (default) or the query string. */
  in?: 'params' | 'query';
}

const REFUSAL_LOGGED = 'overgang:refusal-logged';

/** A 404 or 403 of this by-id route (or every route of the controller) is logged as a refused attempt. */
export const LogsRefusal = (meta: RefusalLogged) => SetMetadata(REFUSAL_LOGGED, meta);

interface ByIdRequest {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  user?: Principal;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Logs a refused by-id attempt (someone guessing another organisation's referral id) once the
 * request's transaction has ended: the handler's transaction rolled back with the refusal, and by
 * the time the error reaches here its connection is back in the pool, so the entry is written in
 * a statement of its own and survives.
 */
@Injectable()
export class RefusedAccessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meta = this.reflector.getAllAndOverride<RefusalLogged | undefined>(REFUSAL_LOGGED, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!meta || context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<ByIdRequest>();
    return next.handle().pipe(
      catchError((err: unknown) =>
        from(
          (async () => {
            await this.logRefusal(meta, req, err);
            throw err;
          })(),
        ),
      ),
    );
  }

  private async logRefusal(meta: RefusalLogged, req: ByIdRequest, err: unknown): Promise<void> {
    if (!(err instanceof DomainError) || !req.user) return;
    if (err.kind !== 'not-found' && err.kind !== 'forbidden') return;
    const source = (meta.in ?? 'params') === 'params' ? req.params : req.query;
    const id = (name?: string) => {
      const v = name ? source[name] : undefined;
      return typeof v === 'string' && UUID.test(v) ? v : null;
    };
    const referralId = id(meta.referral);
    const consentId = id(meta.consent);
    const objectId = id(meta.object) ?? referralId ?? consentId;
    if (!objectId) return;
    const correlation = req.headers['x-correlation-id'];
    await this.accessLog.refused({
      reader: req.user,
      action: meta.action,
      objectType: meta.objectType,
      objectId,
      referralId,
      consentId,
      outcome: err.kind === 'not-found' ? 'refused-not-found' : 'refused-forbidden',
      correlationId: typeof correlation === 'string' ? correlation : 'none',
    });
  }
}
