import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IDEMPOTENCY_KEY_TTL_HOURS, IdempotencyScope } from './idempotency-key';

/** A key as stored: the request it was first used with, and that request's answer once given. */
export interface StoredIdempotencyKey {
  requestHash: string;
  /** Null while the first request has not answered. */
  response: { status: number; body: unknown } | null;
}

interface Row {
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
}

/**
 * Seals stored answers (they may name the person, e.g. an attachment's file name). A service that
 * holds personal data provides it under IDEMPOTENCY_BODY_SEALER; the others store answers as JSON.
 */
export interface IdempotencyBodySealer {
  seal(json: string): string;
  open(sealed: string): string;
}

export const IDEMPOTENCY_BODY_SEALER = Symbol('IDEMPOTENCY_BODY_SEALER');

const SCOPE = `caller = $1 AND method = $2 AND path = $3 AND key = $4`;
const params = (s: IdempotencyScope) => [s.caller, s.method, s.path, s.key];

/** The service's idempotency_key table (in its own schema, through the search path). */
@Injectable()
export class IdempotencyKeyRepository {
  constructor(
    private readonly ds: DataSource,
    @Optional() @Inject(IDEMPOTENCY_BODY_SEALER) private readonly sealer?: IdempotencyBodySealer,
  ) {}

  /** The jsonb parameter for an answer: the JSON itself, or the sealed JSON as a JSON string. */
  private stored(body: unknown): string {
    const json = JSON.stringify(body ?? null);
    return this.sealer ? JSON.stringify(this.sealer.seal(json)) : json;
  }

  private answer(stored: unknown): unknown {
    // A string is a sealed answer; an answer stored before sealing was enabled reads as it is.
    return this.sealer && typeof stored === 'string' ? JSON.parse(this.sealer.open(stored)) : stored;
  }

  /** The key as used in the last 24 hours; an older use is forgotten. */
  async find(s: IdempotencyScope): Promise<StoredIdempotencyKey | null> {
    const rows: Row[] = await this.ds.query(
      `SELECT request_hash, status_code, response_body FROM idempotency_key
       WHERE ${SCOPE} AND created_at > now() - make_interval(hours => $5)`,
      [...params(s), IDEMPOTENCY_KEY_TTL_HOURS],
    );
    if (rows.length === 0) return null;
    const [r] = rows;
    return {
      requestHash: r.request_hash,
      response: r.status_code === null ? null : { status: r.status_code, body: this.answer(r.response_body) },
    };
  }

  /**
   * Records the key in the effect's transaction. False when a twin request holds it: the insert
   * waits for the twin's transaction and conflicts once it commits.
   */
  async claim(
    manager: EntityManager,
    s: IdempotencyScope,
    requestHash: string,
    provisional?: { status: number; body: unknown },
  ): Promise<boolean> {
    await manager.query(
      `DELETE FROM idempotency_key WHERE ${SCOPE} AND created_at <= now() - make_interval(hours => $5)`,
      [...params(s), IDEMPOTENCY_KEY_TTL_HOURS],
    );
    const inserted: unknown[] = await manager.query(
      `INSERT INTO idempotency_key (caller, method, path, key, request_hash, status_code, response_body)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT DO NOTHING RETURNING key`,
      [
        ...params(s),
        requestHash,
        provisional?.status ?? null,
        provisional ? this.stored(provisional.body) : null,
      ],
    );
    return inserted.length === 1;
  }

  /** Stores the answer of the request that claimed the key, over the provisional one. */
  async complete(s: IdempotencyScope, requestHash: string, status: number, body: unknown): Promise<void> {
    await this.ds.query(
      `UPDATE idempotency_key SET status_code = $6, response_body = $7::jsonb, completed_at = now()
       WHERE ${SCOPE} AND request_hash = $5 AND completed_at IS NULL`,
      [...params(s), requestHash, status, this.stored(body)],
    );
  }

  /** Records key and answer at once, for a request that changed nothing in a transaction. */
  async recordAnswered(
    s: IdempotencyScope,
    requestHash: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    await this.ds.transaction(async (manager) => {
      if (await this.claim(manager, s, requestHash)) {
        await manager.query(
          `UPDATE idempotency_key SET status_code = $5, response_body = $6::jsonb, completed_at = now()
           WHERE ${SCOPE}`,
          [...params(s), status, this.stored(body)],
        );
      }
    });
  }

  /** Deletes keys older than 24 hours; returns how many. */
  async deleteExpired(): Promise<number> {
    // TypeORM answers a DELETE with [rows, affected].
    const [, deleted]: [unknown[], number] = await this.ds.query(
      `DELETE FROM idempotency_key WHERE created_at <= now() - make_interval(hours => $1)`,
      [IDEMPOTENCY_KEY_TTL_HOURS],
    );
    return deleted;
  }
}
