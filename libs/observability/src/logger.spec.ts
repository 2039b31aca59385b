import { Controller, Get, INestApplication, Logger, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { runWithLogContext } from './log-context';
import { createServiceLogger, REDACTED } from './logger';
import { requestLog } from './request-log';

const NID = '15828012345';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  return {
    lines,
    raw,
    destination: {
      write(s: string) {
        raw.push(s);
        lines.push(JSON.parse(s) as Record<string, unknown>);
      },
    },
  };
}

describe('createServiceLogger', () => {
  it('writes one JSON line with service, level, time, context and the correlation id in scope', () => {
    const out = capture();
    const logger = createServiceLogger('referral-service', 'info', out.destination);
    runWithLogContext({ correlationId: 'corr-12345678' }, () => logger.log('started', 'Bootstrap'));
    expect(out.lines[0]).toMatchObject({
      service: 'referral-service',
      level: 'info',
      context: 'Bootstrap',
      correlationId: 'corr-12345678',
      msg: 'started',
    });
    expect(typeof out.lines[0].time).toBe('string');
  });

  it('keeps to LOG_LEVEL', () => {
    const out = capture();
    const logger = createServiceLogger('routing-service', 'warn', out.destination);
    logger.log('not shown');
    logger.debug('not shown');
    logger.warn('shown');
    expect(out.lines.map((l) => l.msg)).toEqual(['shown']);
  });

  it('redacts personal data and secrets by key, however deep they sit', () => {
    const out = capture();
    const logger = createServiceLogger('referral-service', 'info', out.destination);
    logger.log({
      msg: 'x',
      nationalId: NID,
      person: { name: 'Testa Testesen', contact: { email: 'a@b.no', phone: '12345678' } },
      req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1' } },
      items: [{ fnr: NID }],
    });
    const text = out.raw.join('');
    expect(text).not.toMatch(/15828012345|Testa|a@b\.no|12345678|Bearer|sid=1/);
    expect(out.lines[0]).toMatchObject({ nationalId: REDACTED, person: { name: REDACTED } });
  });

  it('logs an error, raw or under err, through safeError, and a stack as its frames', () => {
    const out = capture();
    const logger = createServiceLogger('deadline-service', 'info', out.destination);
    const err = new QueryFailedError(
      'INSERT INTO referral VALUES ($1)',
      [NID],
      Object.assign(new Error(`duplicate key`), { code: '23505', detail: `Key (x)=(${NID})` }),
    );
    logger.error(err);
    logger.warn({ msg: 'failed', err });
    logger.error(`failed hard`, new Error(`boom ${NID}`).stack, 'ExceptionHandler');
    const text = out.raw.join('');
    expect(text).not.toMatch(/15828012345|duplicate key|INSERT|boom/);
    expect(out.lines[0]).toMatchObject({ level: 'error', msg: 'QueryFailedError', err: { code: '23505' } });
    expect(out.lines[1]).toMatchObject({ err: { type: 'QueryFailedError', code: '23505' } });
    expect(out.lines[2]).toMatchObject({ msg: 'failed hard', context: 'ExceptionHandler' });
    expect((out.lines[2].stack as string[])[0]).toMatch(/^at /);
  });

  it('masks a number shaped like a national ID in free text', () => {
    const out = capture();
    createServiceLogger('gateway', 'info', out.destination).warn(`lookup of ${NID} and 158280 12345 failed`);
    expect(out.lines[0].msg).toBe('lookup of *********** and *********** failed');
  });
});

@Controller('things')
class ThingsController {
  private readonly logger = new Logger('Things');

  @Get(':id')
  get(@Param('id') id: string) {
    this.logger.warn('inside the request');
    return { id };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('requestLog', () => {
  let app: INestApplication;
  const out = capture();

  beforeAll(async () => {
    const logger = createServiceLogger('probe', 'info', out.destination);
    app = await NestFactory.create(ThingsModule, { logger });
    app.use(requestLog(logger.pino));
    await app.init();
  });
  afterAll(() => app.close());

  it('logs method, route pattern, status, duration and correlation id: never the path values or the query', async () => {
    out.lines.length = 0;
    out.raw.length = 0;
    await request(app.getHttpServer())
      .get(`/things/${NID}?nationalId=${NID}&name=Testa`)
      .set('x-correlation-id', 'corr-abcdefgh')
      .set('authorization', 'Bearer secret')
      .expect(200);
    const line = out.lines.find((l) => l.http);
    expect(line).toMatchObject({
      service: 'probe',
      level: 'info',
      correlationId: 'corr-abcdefgh',
      http: { method: 'GET', route: '/things/:id', status: 200 },
      msg: 'GET /things/:id 200',
    });
    expect(typeof (line?.http as { durationMs: unknown }).durationMs).toBe('number');
    expect(out.raw.join('')).not.toMatch(/15828012345|Testa|secret/);
  });

  it('logs an unmatched path without its query string and with numbers like national IDs masked', async () => {
    out.lines.length = 0;
    await request(app.getHttpServer()).get(`/nowhere/${NID}?q=Testa`).expect(404);
    const line = out.lines.find((l) => l.http);
    expect(line).toMatchObject({ http: { route: '/nowhere/***********', status: 404 } });
  });
});
