import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { EnvValidationError } from '@overgang/config';
import { DomainError } from '@overgang/core';
import { describeError, maskNationalIds, safeError } from './safe-error';

const NID = '15828012345';

function uniqueViolation(): QueryFailedError {
  const driverError = Object.assign(
    new Error('duplicate key value violates unique constraint "referral_nid"'),
    {
      code: '23505',
      table: 'referral',
      constraint: 'referral_nid',
      detail: `Key (person_national_id)=(${NID}) already exists.`,
    },
  );
  return new QueryFailedError('INSERT INTO referral VALUES ($1, $2)', [NID, 'Testa Testesen'], driverError);
}

describe('safeError', () => {
  it('keeps a database error by its class, SQLSTATE, names and stack frames, and drops its text and values', () => {
    const err = uniqueViolation();
    const safe = safeError(err);
    expect(safe).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      table: 'referral',
      constraint: 'referral_nid',
    });
    expect(safe.stack?.length).toBeGreaterThan(0);
    expect(safe.stack?.every((f) => f.startsWith('at '))).toBe(true);
    const text = JSON.stringify(safe);
    expect(text).not.toContain(NID);
    expect(text).not.toContain('Testa');
    expect(text).not.toMatch(/duplicate key|INSERT|Key \(/);
  });

  it('keeps a DomainError code and its plain-language message', () => {
    const safe = safeError(new DomainError('REFERRAL.CONSENT_MISSING', 'Samtykke mangler.', 'unprocessable'));
    expect(safe).toMatchObject({
      type: 'DomainError',
      code: 'REFERRAL.CONSENT_MISSING',
      message: 'Samtykke mangler.',
    });
  });

  it('keeps a configuration error, which names variables and rules only', () => {
    const safe = safeError(new EnvValidationError('Invalid configuration:\n  PORT: must be a number'));
    expect(safe.message).toContain('PORT: must be a number');
  });

  it('drops the message of any other error, keeping its class, code, status and cause', () => {
    const cause = Object.assign(new Error(`connect ECONNREFUSED for ${NID}`), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    const err = new TypeError(`fetch failed for Testa Testesen ${NID}`, { cause });
    const safe = safeError(err);
    expect(safe).toMatchObject({
      type: 'TypeError',
      cause: { type: 'Error', code: 'ECONNREFUSED', syscall: 'connect' },
    });
    expect(safe.message).toBeUndefined();
    expect(JSON.stringify(safe)).not.toMatch(/Testa|15828012345|fetch failed/);
    expect(safeError(new HttpException('Not ready: {"x":"Testa"}', 503))).toEqual(
      expect.objectContaining({ type: 'HttpException', status: 503 }),
    );
  });

  it('says only the type of a thrown value that is no error', () => {
    expect(safeError(`Testa Testesen ${NID}`)).toEqual({ type: 'string' });
    expect(safeError({ message: NID, detail: NID })).toEqual({ type: 'object' });
  });

  it('is idempotent, so a serializer may apply it again', () => {
    const once = safeError(uniqueViolation());
    expect(safeError(once)).toBe(once);
  });

  it('describes an error on one line without its values', () => {
    expect(describeError(uniqueViolation())).toBe(
      'QueryFailedError 23505 (table referral, constraint referral_nid)',
    );
    expect(describeError(new DomainError('X.Y', 'Ikke tillatt.', 'forbidden'))).toBe(
      'DomainError X.Y: Ikke tillatt.',
    );
  });
});

describe('maskNationalIds', () => {
  it('masks eleven digits, also with a space or a dot after the sixth, and nothing longer or shorter', () => {
    expect(maskNationalIds(`a ${NID} b 158280 12345 c 158280.12345`)).toBe(
      'a *********** b *********** c ***********',
    );
    expect(maskNationalIds('order 1234567890 and 123456789012 and 100000016')).toBe(
      'order 1234567890 and 123456789012 and 100000016',
    );
  });
});
