import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldCipher, keyIdOf } from '@overgang/crypto';

/** Which stored values a pass re-seals. */
export interface ResealScope {
  /**
   * `legacy`: only values stored in clear (rows written before sealing existed); `rotate`: every
   * value not sealed with the current key; `person-keys`: every row, its person key recomputed too
   * (after DATA_HMAC_KEY changed).
   */
  mode: 'legacy' | 'rotate' | 'person-keys';
  cipher: FieldCipher;
}

/** One batch of a table: how many rows it re-sealed, and where the next batch starts. */
export interface ResealBatch {
  resealed: number;
  next: string | null;
}

const ID_AFTER_NONE = '';

/** LIKE pattern of values that need nothing: sealed at all (legacy), or with the current key. */
function donePattern(scope: ResealScope): string {
  return scope.mode === 'legacy' ? 'v1:%' : `v1:${scope.cipher.currentKeyId}:%`;
}

/** A stored value as clear text: opened when sealed, as it is when written before sealing existed. */
function clearText(cipher: FieldCipher, value: string, context: string): string {
  return keyIdOf(value) === null ? value : cipher.openText(value, context);
}

function clearBytes(cipher: FieldCipher, value: Buffer, context: string): Buffer {
  return keyIdOf(value) === null ? value : cipher.openBytes(value, context);
}

interface ReferralRow {
  id: string;
  person_national_id: string;
  person_name: string;
  details: string;
}

interface ConsentRow {
  id: string;
  person_national_id: string;
}

interface HistoryRow {
  id: string;
  personal_facts: string;
}

interface AttachmentRow {
  id: string;
  file_name: string;
  content: Buffer;
}

interface IdempotencyRow {
  caller: string;
  method: string;
  path: string;
  key: string;
  body: string;
}

/**
 * Re-seals the referral schema's personal data, one locked batch at a time in key order (rows
 * another transaction holds are skipped and counted by `remaining`). Plain SQL: re-sealing is not
 * activity, so neither updated_at nor the version changes.
 */
@Injectable()
export class ResealRepository {
  async referrals(m: EntityManager, s: ResealScope, after: string, limit: number): Promise<ResealBatch> {
    const rows: ReferralRow[] = await m.query(
      `SELECT id::text, person_national_id, person_name, details FROM referral
       WHERE id::text > $1 AND erased_at IS NULL
         AND ($4 OR person_key IS NULL OR person_national_id NOT LIKE $2 OR person_name NOT LIKE $2
              OR details NOT LIKE $2)
       ORDER BY id::text LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [after, donePattern(s), limit, s.mode === 'person-keys'],
    );
    const c = s.cipher;
    for (const r of rows) {
      const nationalId = clearText(c, r.person_national_id, 'referral.person_national_id');
      await m.query(
        `UPDATE referral SET person_national_id = $2, person_name = $3, details = $4, person_key = $5 WHERE id = $1`,
        [
          r.id,
          c.sealText(nationalId, 'referral.person_national_id'),
          c.sealText(clearText(c, r.person_name, 'referral.person_name'), 'referral.person_name'),
          c.sealText(clearText(c, r.details, 'referral.details'), 'referral.details'),
          c.personKey(nationalId),
        ],
      );
    }
    return { resealed: rows.length, next: rows.length < limit ? null : rows[rows.length - 1].id };
  }

  async consents(m: EntityManager, s: ResealScope, after: string, limit: number): Promise<ResealBatch> {
    const rows: ConsentRow[] = await m.query(
      `SELECT id::text, person_national_id FROM consent
       WHERE id::text > $1 AND erased_at IS NULL AND ($4 OR person_key IS NULL OR person_national_id NOT LIKE $2)
       ORDER BY id::text LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [after, donePattern(s), limit, s.mode === 'person-keys'],
    );
    const c = s.cipher;
    for (const r of rows) {
      const nationalId = clearText(c, r.person_national_id, 'consent.person_national_id');
      await m.query(`UPDATE consent SET person_national_id = $2, person_key = $3 WHERE id = $1`, [
        r.id,
        c.sealText(nationalId, 'consent.person_national_id'),
        c.personKey(nationalId),
      ]);
    }
    return { resealed: rows.length, next: rows.length < limit ? null : rows[rows.length - 1].id };
  }

  async history(m: EntityManager, s: ResealScope, after: string, limit: number): Promise<ResealBatch> {
    const rows: HistoryRow[] = await m.query(
      `SELECT id::text, personal_facts FROM referral_history
       WHERE id > $1::bigint AND personal_facts IS NOT NULL AND personal_facts NOT LIKE $2
       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [after === ID_AFTER_NONE ? '0' : after, donePattern(s), limit],
    );
    const ctx = 'referral_history.personal_facts';
    for (const r of rows) {
      await m.query(`UPDATE referral_history SET personal_facts = $2 WHERE id = $1`, [
        r.id,
        s.cipher.sealText(clearText(s.cipher, r.personal_facts, ctx), ctx),
      ]);
    }
    return { resealed: rows.length, next: rows.length < limit ? null : rows[rows.length - 1].id };
  }

  /** File name and content are written together, so the file name tells which key both are under. */
  async attachments(m: EntityManager, s: ResealScope, after: string, limit: number): Promise<ResealBatch> {
    const rows: AttachmentRow[] = await m.query(
      `SELECT id::text, file_name, content FROM attachment
       WHERE id::text > $1 AND file_name NOT LIKE $2
       ORDER BY id::text LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [after, donePattern(s), limit],
    );
    const c = s.cipher;
    for (const r of rows) {
      await m.query(`UPDATE attachment SET file_name = $2, content = $3 WHERE id = $1`, [
        r.id,
        c.sealText(clearText(c, r.file_name, 'attachment.file_name'), 'attachment.file_name'),
        c.sealBytes(clearBytes(c, r.content, 'attachment.content'), 'attachment.content'),
      ]);
    }
    return { resealed: rows.length, next: rows.length < limit ? null : rows[rows.length - 1].id };
  }

  /** Stored answers of Idempotency-Keys: a sealed one is a JSON string, an older one JSON as it was. */
  async idempotencyAnswers(m: EntityManager, s: ResealScope, limit: number): Promise<ResealBatch> {
    const rows: IdempotencyRow[] = await m.query(
      `SELECT caller, method, path, key,
              CASE WHEN jsonb_typeof(response_body) = 'string' THEN response_body #>> '{}' ELSE response_body::text END AS body
       FROM idempotency_key
       WHERE response_body IS NOT NULL
         AND (jsonb_typeof(response_body) <> 'string' OR response_body #>> '{}' NOT LIKE $1)
       LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [donePattern(s), limit],
    );
    const ctx = 'idempotency_key.response_body';
    for (const r of rows) {
      const json = keyIdOf(r.body) === null ? r.body : s.cipher.openText(r.body, ctx);
      await m.query(
        `UPDATE idempotency_key SET response_body = $5::jsonb
         WHERE caller = $1 AND method = $2 AND path = $3 AND key = $4`,
        [r.caller, r.method, r.path, r.key, JSON.stringify(s.cipher.sealText(json, ctx))],
      );
    }
    // Re-sealed rows no longer match, so every batch starts from the beginning again.
    return { resealed: rows.length, next: rows.length < limit ? null : ID_AFTER_NONE };
  }

  /** Whether rows written before sealing existed are still in clear text (cheap: the person key is indexed). */
  async hasLegacyRows(m: EntityManager): Promise<boolean> {
    const [{ legacy }]: Array<{ legacy: boolean }> = await m.query(
      `SELECT EXISTS (SELECT 1 FROM referral WHERE person_key IS NULL AND erased_at IS NULL)
           OR EXISTS (SELECT 1 FROM consent WHERE person_key IS NULL AND erased_at IS NULL) AS legacy`,
    );
    return legacy;
  }

  /** Every key id that stored values are sealed with, with how many values ('clear' for legacy values). */
  async keysInUse(m: EntityManager): Promise<Record<string, number>> {
    const rows: Array<{ key_id: string; n: number }> = await m.query(
      `WITH v(value) AS (
         SELECT person_national_id FROM referral UNION ALL SELECT person_name FROM referral
         UNION ALL SELECT details FROM referral UNION ALL SELECT person_national_id FROM consent
         UNION ALL SELECT personal_facts FROM referral_history UNION ALL SELECT file_name FROM attachment
         UNION ALL SELECT response_body #>> '{}' FROM idempotency_key WHERE jsonb_typeof(response_body) = 'string'
         UNION ALL SELECT 'clear' FROM idempotency_key WHERE jsonb_typeof(response_body) = 'object')
       SELECT CASE WHEN value LIKE 'v1:%' THEN split_part(value, ':', 2) ELSE 'clear' END AS key_id, count(*)::int AS n
       FROM v WHERE value IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    return Object.fromEntries(rows.map((r) => [r.key_id, r.n]));
  }
}
