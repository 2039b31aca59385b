import { Logger as NestLogger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import {
  databaseErrorFields,
  databaseErrorMeaning,
  describeDatabaseError,
  ParameterFreeQueryLogger,
} from './database-errors';

const pgError = (code: string, message: string, extra: Record<string, string> = {}) =>
  Object.assign(new Error(message), { code, ...extra });
const failed = (code: string, message: string, extra: Record<string, string> = {}) =>
  new QueryFailedError('SELECT $1', ['12345678901'], pgError(code, message, extra));

describe('databaseErrorMeaning', () => {
  it.each([
    ['a pool that gives no connection', new Error('timeout exceeded when trying to connect')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['the client-side query timeout', failed('', 'Query read timeout')],
    ['a statement timeout', failed('57014', 'canceling statement due to statement timeout')],
    ['an administrator shutdown', failed('57P01', 'terminating connection due to administrator command')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a lock timeout', failed('55P03', 'canceling statement due to lock timeout')],
    ['a serialization failure', failed('40001', 'could not serialize access')],
    ['a deadlock', failed('40P01', 'deadlock detected')],
    ['a refusal while connecting', pgError('55000', 'database "x" is not currently accepting connections')],
  ])('reads %s as unavailable', (_what, err) => {
    expect(databaseErrorMeaning(err)).toMatchObject({ kind: 'unavailable' });
  });

  it('reads values the database refused as input problems, naming the column it names', () => {
    expect(databaseErrorMeaning(failed('23502', 'null value', { column: 'name' }))).toEqual({
      kind: 'input',
      rule: 'required',
      column: 'name',
      constraint: undefined,
    });
    expect(databaseErrorMeaning(failed('22021', 'invalid byte sequence'))).toMatchObject({
      rule: 'invalidCharacters',
    });
    expect(databaseErrorMeaning(failed('22P02', 'invalid input syntax for type uuid: "x"'))).toMatchObject({
      rule: 'invalidValue',
    });
  });

  it('leaves a fault of ours alone', () => {
    expect(databaseErrorMeaning(new TypeError('x is undefined'))).toBeNull();
    expect(databaseErrorMeaning(failed('42P01', 'relation "x" does not exist'))).toBeNull();
  });

  it('describes an error by its SQLSTATE and names, without its text, detail or parameters', () => {
    const err = failed('23505', 'duplicate key value violates unique constraint "referral_nid"', {
      table: 'referral',
      constraint: 'referral_nid',
      detail: 'Key (person_national_id)=(12345678901) already exists.',
    });
    const text = describeDatabaseError(err);
    expect(text).toBe('SQLSTATE 23505 (table referral, constraint referral_nid)');
    expect(JSON.stringify(databaseErrorFields(err))).not.toMatch(/12345678901|duplicate|Key/);
  });

  it('keeps no field that is not a plain name', () => {
    const err = failed('22P02', 'invalid input syntax for type uuid: "12345678901"', {
      column: 'id = 12345678901',
    });
    expect(databaseErrorFields(err)).toEqual({ code: '22P02' });
  });

  it("names a lost connection by the driver's fixed text only", () => {
    expect(describeDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(
      'Connection terminated',
    );
  });
});

describe('ParameterFreeQueryLogger', () => {
  const warned = () => {
    const warn = jest.spyOn(NestLogger.prototype, 'warn').mockImplementation(() => undefined);
    return { warn, texts: () => warn.mock.calls.map((c) => c[0] as unknown) };
  };
  afterEach(() => jest.restoreAllMocks());

  it('logs a failed statement by its SQL and names, never the parameters or the message', () => {
    const { texts } = warned();
    const err = failed('23505', 'duplicate key value violates unique constraint "x"', {
      table: 'referral',
      detail: 'Key (nid)=(12345678901) already exists.',
    });
    new ParameterFreeQueryLogger().logQueryError(err, 'INSERT INTO referral VALUES ($1)');
    expect(texts()).toEqual([
      {
        msg: 'query failed: SQLSTATE 23505 (table referral); statement: INSERT INTO referral VALUES ($1)',
        db: { code: '23505', table: 'referral' },
      },
    ]);
  });

  it('keeps of a pool error only the fixed text and a known server reason', () => {
    const { texts } = warned();
    const logger = new ParameterFreeQueryLogger();
    logger.log(
      'warn',
      'Postgres pool raised an error. error: terminating connection due to administrator command',
    );
    logger.log('warn', 'Postgres pool raised an error. error: value "12345678901" is bad');
    expect(texts()).toEqual([
      'Postgres pool raised an error: terminating connection due to administrator command',
      'Postgres pool raised an error',
    ]);
  });
});
