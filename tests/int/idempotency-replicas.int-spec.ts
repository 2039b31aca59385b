import { Body, Controller, Global, Headers, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { inTransaction, openServiceDataSource } from '@overgang/persistence';
import { IdempotencyKeyOrmEntity, IdempotencyModule, ProblemFilter, requestScope } from '@overgang/web';
import { IdempotencyKeys1796122777136 } from '../../apps/referral-service/src/migrations/1796122777136-idempotencykeys';

/**
 * Two replicas of one service share a database but not their memory: a twin request that reaches
 * the other replica gets past the in-memory check and the lookup, runs its handler, and must still
 * change nothing. This boots two small Nest apps with the real interceptor on a real PostgreSQL.
 */
const SCHEMA = 'idempotency_replicas_test';

/** Holds each handler inside its transaction until the test lets it commit. */
class Gate {
  private readonly waiting = new Map<string, () => void>();

  pass(request: string): Promise<void> {
    return new Promise((resolve) => this.waiting.set(request, resolve));
  }

  has(request: string): boolean {
    return this.waiting.has(request);
  }

  open(request: string): void {
    this.waiting.get(request)?.();
    this.waiting.delete(request);
  }
}

let ds: DataSource;
const gate = new Gate();

@Global()
@Module({
  providers: [{ provide: DataSource, useFactory: () => ds }],
  exports: [DataSource],
})
class DatabaseModule {}

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: { name: string }, @Headers('x-test-request') tag: string) {
    return inTransaction(ds, async (manager) => {
      const id = randomUUID();
      await manager.query(`INSERT INTO thing (id, name) VALUES ($1, $2)`, [id, body.name]);
      await gate.pass(tag);
      return { id };
    });
  }
}

@Module({ imports: [DatabaseModule, IdempotencyModule], controllers: [ThingsController] })
class ReplicaModule {}

async function replica(): Promise<INestApplication> {
  const app = await NestFactory.create(ReplicaModule, { logger: false });
  app.use(requestScope);
  app.useGlobalFilters(new ProblemFilter());
  await app.init();
  return app;
}

describe('Idempotency-Key across two replicas, on real PostgreSQL', () => {
  let one: INestApplication;
  let two: INestApplication;

  beforeAll(async () => {
    ds = await openServiceDataSource({
      url: process.env.DATABASE_URL as string,
      schema: SCHEMA,
      entities: [IdempotencyKeyOrmEntity],
      migrations: [IdempotencyKeys1796122777136],
    });
    await ds.query(`CREATE TABLE IF NOT EXISTS thing (id uuid PRIMARY KEY, name text NOT NULL)`);
    one = await replica();
    two = await replica();
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await ds?.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
    await ds?.destroy();
  });

  const things = async (name: string) =>
    (await ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM thing WHERE name = $1`, [name]))[0]
      .n;

  const post = (app: INestApplication, tag: string, key: string, name: string) =>
    request(app.getHttpServer())
      .post('/things')
      .set('Idempotency-Key', key)
      .set('x-test-request', tag)
      .send({ name })
      .then((r) => r);

  const until = async (condition: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('rolls back the twin that commits second and answers it with the first answer', async () => {
    const key = randomUUID();
    const first = post(one, 'a1', key, 'a');
    const second = post(two, 'a2', key, 'a');
    // Both are inside their handler, past every check that runs before it.
    await until(() => gate.has('a1') && gate.has('a2'));
    gate.open('a1');
    const a = await first;
    gate.open('a2');
    const b = await second;

    expect(a.status).toBe(201);
    expect(a.headers['idempotent-replayed']).toBeUndefined();
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body).toEqual(a.body);
    expect(await things('a')).toBe(1);
  });

  it('answers 409 to a twin whose insert waited for a first request that has not answered yet', async () => {
    const key = randomUUID();
    const first = post(one, 'b1', key, 'b');
    const second = post(two, 'b2', key, 'b');
    await until(() => gate.has('b1') && gate.has('b2'));
    // Both commit at once: the second insert waits for the first's transaction, then conflicts.
    gate.open('b1');
    gate.open('b2');
    const answers = await Promise.all([first, second]);

    const statuses = answers.map((r) => r.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const busy = answers.find((r) => r.status === 409);
    if (busy) expect(busy.body).toMatchObject({ code: 'IDEMPOTENCY.REQUEST_IN_FLIGHT' });
    expect(answers.filter((r) => r.status === 201 && !r.headers['idempotent-replayed'])).toHaveLength(1);
    expect(await things('b')).toBe(1);
  });

  it('refuses the twin with another body with 422 after rolling it back', async () => {
    const key = randomUUID();
    const first = post(one, 'c1', key, 'c');
    const second = post(two, 'c2', key, 'd');
    await until(() => gate.has('c1') && gate.has('c2'));
    gate.open('c1');
    expect((await first).status).toBe(201);
    gate.open('c2');
    const b = await second;
    expect(b.status).toBe(422);
    expect(b.body).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await things('c')).toBe(1);
    expect(await things('d')).toBe(0);
  });
});
