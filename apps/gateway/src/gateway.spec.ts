import { createHash, randomBytes } from 'crypto';
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startGateway } from './bootstrap';

interface Echo {
  service: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  bodySha256: string;
  bodyLength: number;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A stand-in service: echoes what reached it and serves its own /health and /docs-json. */
async function fakeService(service: string, apiPath: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (req.url === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      } else if (req.url === '/docs-json') {
        const doc = {
          openapi: '3.0.0',
          info: { title: service, version: '1' },
          paths: {
            [apiPath]: { get: { operationId: `${service}_list`, tags: [service], responses: { 200: {} } } },
            '/health': { get: { operationId: `${service}_health`, responses: { 200: {} } } },
          },
          tags: [{ name: service }],
          components: { schemas: { [`${service}Thing`]: { type: 'object' } } },
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      } else {
        const echo: Echo = {
          service,
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers as Record<string, string>,
          bodySha256: createHash('sha256').update(body).digest('hex'),
          bodyLength: body.length,
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A URL where nothing listens: a port we held for a moment and gave back. */
async function deadUrl(): Promise<string> {
  const { server, url } = await fakeService('dead', '/x');
  await stop(server);
  return url;
}

describe('gateway', () => {
  const services: Server[] = [];
  let gateway: INestApplication;
  let env: Record<string, string>;

  beforeAll(async () => {
    const referral = await fakeService('referral', '/api/v1/referrals/inbox');
    const routing = await fakeService('routing', '/api/v1/directory/organisations');
    const deadline = await fakeService('deadline', '/api/v1/sla/overview');
    services.push(referral.server, routing.server, deadline.server);
    env = {
      LOG_LEVEL: 'error',
      REFERRAL_SERVICE_URL: referral.url,
      ROUTING_SERVICE_URL: routing.url,
      DEADLINE_SERVICE_URL: `${deadline.url}/`,
    };
    gateway = await startGateway(env, { port: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(services.map(stop));
  });

  const http = () => request(gateway.getHttpServer());

  it.each([
    ['/api/v1/referrals/inbox?page=2', 'referral'],
    ['/api/v1/referrals', 'referral'],
    ['/api/v1/consents/c-1/withdrawal', 'referral'],
    ['/api/v1/access-log?referralId=r-1', 'referral'],
    ['/api/v1/directory/organisations/974760673/units', 'routing'],
    ['/api/v1/deadlines/d-1', 'deadline'],
    ['/api/v1/sla/overview', 'deadline'],
    ['/api/v1/statistics/releases?from=2026-01&to=2026-06', 'deadline'],
    ['/api/v1/referrals/r-1/routing', 'routing'],
    ['/api/v1/referrals/r-1/routing-notes', 'referral'],
  ])('routes %s to the %s service with the full path', async (path, service) => {
    const res = await http().get(path).expect(200);
    const echo = res.body as Echo;
    expect(echo.service).toBe(service);
    expect(echo.method).toBe('GET');
    expect(echo.url).toBe(path);
  });

  it('passes a request body through byte for byte, with Authorization and the correlation id', async () => {
    // Larger than the services' JSON limit and not valid UTF-8: nothing in between may parse it.
    const body = randomBytes(2 * 1024 * 1024 + 17);
    const res = await http()
      .post('/api/v1/referrals/release-notices')
      .set('authorization', 'Bearer some.jwt.token')
      .set('x-correlation-id', 'test-correlation-0001')
      .set('content-type', 'application/octet-stream')
      .send(body)
      .expect(200);
    const echo = res.body as Echo;
    expect(echo.method).toBe('POST');
    expect(echo.url).toBe('/api/v1/referrals/release-notices');
    expect(echo.bodyLength).toBe(body.length);
    expect(echo.bodySha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(echo.headers.authorization).toBe('Bearer some.jwt.token');
    expect(echo.headers['x-correlation-id']).toBe('test-correlation-0001');
    expect(res.headers['x-correlation-id']).toBe('test-correlation-0001');
  });

  it('replaces a missing or odd correlation id with a new one, upstream and in the answer', async () => {
    for (const sent of [undefined, 'short', 'has spaces and ; other things']) {
      const req = http().get('/api/v1/sla/overview');
      if (sent) req.set('x-correlation-id', sent);
      const res = await req.expect(200);
      const id = res.headers['x-correlation-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((res.body as Echo).headers['x-correlation-id']).toBe(id);
    }
  });

  it('does not route a path that only starts like an owned prefix', async () => {
    const res = await http().get('/api/v1/slash').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers unknown /api paths with 404 problem+json', async () => {
    const res = await http().get('/api/v1/nothing-here?x=1').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.text) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 404, code: 'HTTP.404', instance: '/api/v1/nothing-here' });
    expect(problem.correlationId).toBe(res.headers['x-correlation-id']);
  });

  it('merges the services’ OpenAPI documents into one, without their /health', async () => {
    const res = await http().get('/docs-json').expect(200);
    const doc = res.body as {
      info: { title: string; description: string };
      paths: Record<string, unknown>;
      tags: Array<{ name: string }>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.info.title).toBe('Overgang API');
    expect(doc.info.description).not.toMatch(/did not answer/);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/directory/organisations',
      '/api/v1/referrals/inbox',
      '/api/v1/sla/overview',
    ]);
    expect(doc.tags.map((t) => t.name).sort()).toEqual(['deadline', 'referral', 'routing']);
    expect(Object.keys(doc.components.schemas).sort()).toEqual([
      'deadlineThing',
      'referralThing',
      'routingThing',
    ]);
    expect(doc.components.securitySchemes.bearer).toBeDefined();
  });

  it('serves Swagger UI at /docs with its assets and the merged document', async () => {
    const page = await http().get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const assets = [...page.text.matchAll(/(?:src|href)="\.\/docs\/([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(
      expect.arrayContaining(['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']),
    );
    for (const asset of assets) await http().get(`/docs/${asset}`).expect(200);
    const init = await http().get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('/api/v1/directory/organisations');
  });

  it('reports every upstream healthy', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', upstreams: { referral: 'ok', routing: 'ok', deadline: 'ok' } });
  });

  it('serves a landing page that links to the docs and health', async () => {
    const res = await http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('href="/docs"');
    expect(res.text).toContain('href="/health"');
  });

  describe('with the deadline service down', () => {
    let degraded: INestApplication;

    beforeAll(async () => {
      degraded = await startGateway({ ...env, DEADLINE_SERVICE_URL: await deadUrl() }, { port: 0 });
    });

    afterAll(async () => {
      await degraded?.close();
    });

    it('answers 503 problem+json with Retry-After naming the service, without internals', async () => {
      const res = await request(degraded.getHttpServer())
        .post('/api/v1/sla/overview?x=1')
        .set('x-correlation-id', 'test-correlation-0002')
        .send({ a: 1 })
        .expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.headers['x-correlation-id']).toBe('test-correlation-0002');
      expect(JSON.parse(res.text)).toEqual({
        type: 'urn:overgang:problem:gateway-upstream-unavailable',
        title: 'Service unavailable',
        status: 503,
        code: 'GATEWAY.UPSTREAM_UNAVAILABLE',
        detail:
          'The deadline service is not answering. Send the request again with the same Idempotency-Key: it is carried out at most once.',
        service: 'deadline',
        instance: '/api/v1/sla/overview',
        correlationId: 'test-correlation-0002',
      });
      expect(res.headers['content-language']).toBe('en');
    });

    it('answers the 503 in bokmål for Accept-Language nb, same code', async () => {
      const res = await request(degraded.getHttpServer())
        .get('/api/v1/sla/overview')
        .set('Accept-Language', 'nb')
        .expect(503);
      expect(res.headers['content-language']).toBe('nb');
      expect(res.headers.vary).toMatch(/Accept-Language/);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(JSON.parse(res.text)).toMatchObject({
        code: 'GATEWAY.UPSTREAM_UNAVAILABLE',
        service: 'deadline',
        title: 'Tjenesten er utilgjengelig',
        detail:
          'Tjenesten deadline svarer ikke. Send forespørselen på nytt med samme Idempotency-Key: den utføres høyst én gang.',
      });
    });

    it('still routes to the services that are up', async () => {
      const res = await request(degraded.getHttpServer()).get('/api/v1/directory/organisations').expect(200);
      expect((res.body as Echo).service).toBe('routing');
    });

    it('reports 503 with the unreachable upstream named', async () => {
      const res = await request(degraded.getHttpServer()).get('/health').expect(503);
      expect(res.body).toEqual({
        status: 'degraded',
        upstreams: { referral: 'ok', routing: 'ok', deadline: 'unreachable' },
      });
    });

    it('documents the other services and says which one is missing', async () => {
      const res = await request(degraded.getHttpServer()).get('/docs-json').expect(200);
      const doc = res.body as { info: { description: string }; paths: Record<string, unknown> };
      expect(Object.keys(doc.paths).sort()).toEqual([
        '/api/v1/directory/organisations',
        '/api/v1/referrals/inbox',
      ]);
      expect(doc.info.description).toContain('The deadline service did not answer');
    });
  });

  describe('with a service that does not answer', () => {
    let silent: Server;
    let slow: INestApplication;

    beforeAll(async () => {
      // Takes the request and never answers, like a service whose process is frozen.
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      slow = await startGateway(
        { ...env, ROUTING_SERVICE_URL: url, UPSTREAM_TIMEOUT_MS: '300' },
        { port: 0 },
      );
    });

    afterAll(async () => {
      await slow?.close();
      await stop(silent);
    });

    it('answers 503 problem+json with Retry-After once UPSTREAM_TIMEOUT_MS has passed', async () => {
      const started = Date.now();
      const res = await request(slow.getHttpServer()).get('/api/v1/directory/organisations').expect(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(JSON.parse(res.text)).toMatchObject({
        status: 503,
        code: 'GATEWAY.UPSTREAM_UNAVAILABLE',
        detail:
          'The routing service did not answer in time. Send the request again with the same Idempotency-Key: it is carried out at most once.',
      });
    });
  });

  it('refuses to start without the service URLs', async () => {
    await expect(startGateway({ REFERRAL_SERVICE_URL: 'not a url' }, { port: 0 })).rejects.toThrow(
      /REFERRAL_SERVICE_URL[\s\S]*ROUTING_SERVICE_URL[\s\S]*DEADLINE_SERVICE_URL/,
    );
  });
});
