import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validateEnv } from '@overgang/config';
import { createServiceLogger } from '@overgang/observability';
import { GatewayEnv, routes, upstreams } from './config/env.schema';
import { MergedOpenApi } from './docs/merged-openapi';
import { GATEWAY_ENV, GatewayController } from './gateway.controller';
import { correlationId, proxyTo, unknownApi } from './proxy/proxy';

/**
 * One origin for the hub: /api/v1/<area> is streamed to the service that owns it (each verifies
 * the token itself), /docs is the merged OpenAPI document, / a landing page.
 */
export async function startGateway(
  raw: Record<string, unknown> = process.env,
  options: { port?: number } = {},
): Promise<INestApplication> {
  const env = validateEnv(GatewayEnv, raw);

  @Module({ controllers: [GatewayController], providers: [{ provide: GATEWAY_ENV, useValue: env }] })
  class GatewayModule {}

  // No body parser: proxied bodies must pass through byte for byte.
  const app = await NestFactory.create(GatewayModule, {
    bodyParser: false,
    abortOnError: false,
    logger: createServiceLogger('gateway', env.LOG_LEVEL),
  });
  app.use(correlationId);
  for (const r of routes(env)) app.use(proxyTo(r.prefix, r.area, r.target));
  app.use('/api', unknownApi);
  const docs = new MergedOpenApi(upstreams(env));
  const base = { ...new DocumentBuilder().setTitle('Overgang API').build(), paths: {} };
  SwaggerModule.setup('docs', app, base, {
    jsonDocumentUrl: 'docs-json',
    patchDocumentOnRequest: () => docs.document(),
  });
  app.enableShutdownHooks();
  await app.listen(options.port ?? env.PORT, env.HOST);
  return app;
}
