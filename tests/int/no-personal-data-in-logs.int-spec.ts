import { Body, Controller, INestApplication, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json } from 'express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createServiceLogger, requestLog, requestLogContext } from '@overgang/observability';
import { openServiceDataSource } from '@overgang/persistence';
import { aNationalId, TEST_PERSON_NAMES } from '@overgang/testing';
import { correlationId, ProblemFilter } from '@overgang/web';

const SCHEMA = 'logprobe';

interface PersonBody {
  nationalId: string;
  name: string;
}

@Controller('people')
class PeopleController {
  constructor(private readonly ds: DataSource) {}

  /** Three ways a write fails with personal data at hand: a unique key, a value the column refuses, a bug of ours. */
  @Post(':how')
  async add(@Param('how') how: string, @Body() body: PersonBody) {
    if (how === 'bug') throw new Error(`could not route ${body.name} (${body.nationalId})`);
    const column = how === 'refused' ? 'age' : 'name';
    await this.ds.query(`INSERT INTO ${SCHEMA}.person (national_id, ${column}) VALUES ($1, $2)`, [
      body.nationalId,
      body.name,
    ]);
    return { added: true };
  }
}

describe('no personal data in the logs, on real PostgreSQL', () => {
  let ds: DataSource;
  let app: INestApplication;
  const lines: string[] = [];

  beforeAll(async () => {
    ds = await openServiceDataSource({
      url: process.env.DATABASE_URL as string,
      schema: SCHEMA,
      entities: [],
      migrations: [],
    });
    await ds.query(`DROP TABLE IF EXISTS ${SCHEMA}.person`);
    await ds.query(`CREATE TABLE ${SCHEMA}.person (national_id text PRIMARY KEY, name text, age int)`);

    @Module({ controllers: [PeopleController], providers: [{ provide: DataSource, useValue: ds }] })
    class ProbeModule {}

    const logger = createServiceLogger('log-probe', 'info', { write: (line: string) => lines.push(line) });
    app = await NestFactory.create(ProbeModule, { logger, bodyParser: false, abortOnError: false });
    app.use(requestLog(logger.pino));
    app.use(correlationId);
    app.use(json());
    app.use(requestLogContext);
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  const post = (how: string, body: PersonBody, correlation: string) =>
    request(app.getHttpServer())
      .post(`/people/${how}?nationalId=${body.nationalId}&name=${encodeURIComponent(body.name)}`)
      .set('x-correlation-id', correlation)
      .send(body);

  const written = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('logs a failed insert by its SQLSTATE, table and constraint, never its parameters, detail or query string', async () => {
    const person = { nationalId: aNationalId(), name: TEST_PERSON_NAMES.releaseNotice };
    await post('unique', person, 'corr-unique-1').expect(201);
    lines.length = 0;
    await post('unique', person, 'corr-unique-2').expect(409);

    const text = lines.join('');
    expect(text).not.toContain(person.nationalId);
    expect(text).not.toContain(person.name);
    expect(text).not.toMatch(/Key \(|already exists|duplicate key/);
    const database = written().find((l) => l.context === 'Database');
    expect(database).toMatchObject({
      level: 'warn',
      service: 'log-probe',
      correlationId: 'corr-unique-2',
      db: { code: '23505', table: 'person', constraint: 'person_pkey' },
    });
    expect(written().find((l) => l.context === 'ProblemFilter')).toMatchObject({
      correlationId: 'corr-unique-2',
      err: { type: 'QueryFailedError', code: '23505', constraint: 'person_pkey' },
    });
    expect(written().find((l) => l.http)).toMatchObject({
      correlationId: 'corr-unique-2',
      http: { method: 'POST', route: '/people/:how', status: 409 },
    });
  });

  it('leaves out a refused value the database quotes in its message', async () => {
    lines.length = 0;
    const person = { nationalId: aNationalId(), name: TEST_PERSON_NAMES.dischargeNotice };
    await post('refused', person, 'corr-refused-1').expect(400);
    const text = lines.join('');
    expect(text).toContain('22P02');
    expect(text).not.toContain(person.name);
    expect(text).not.toContain(person.nationalId);
  });

  it('logs a bug of ours by its class and stack frames, without the message that quotes the data', async () => {
    lines.length = 0;
    const person = { nationalId: aNationalId(), name: TEST_PERSON_NAMES.assessmentRequest };
    await post('bug', person, 'corr-bug-1').expect(500);
    const failed = written().find((l) => l.level === 'error');
    expect(failed).toMatchObject({ correlationId: 'corr-bug-1', err: { type: 'Error' } });
    expect((failed?.err as { stack: string[] }).stack[0]).toMatch(/^at /);
    const text = lines.join('');
    expect(text).not.toContain(person.name);
    expect(text).not.toContain(person.nationalId);
    expect(text).not.toContain('could not route');
  });
});
