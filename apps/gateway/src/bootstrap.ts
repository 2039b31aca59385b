import { Server } from 'http';
import { AddressInfo } from 'net';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validateEnv } from '@overgang/config';
import { createServiceLogger, requestLog, requestLogContext } from '@overgang/observability';
import {
  addressRateLimit,
  answerClientErrorsAsProblems,
  correlationId,
  disableXPoweredBy,
  ProblemFilter,
  securityHeaders,
  trustProxies,
} from '@overgang/web';
import { gatewayAppModule } from './app.module';
import { GatewayEnv } from './config/env.schema';
import { MergedOpenApi } from './docs/merged-openapi';
import { AREAS, upstreams } from './proxy/routes';
import { proxyTo } from './proxy/upstream.proxy';
import { BrowserSignIn } from './session/browser-sign-in';

/**
 * One origin for the hub: /api/v1/<area> is streamed to the service that owns it, /docs is the
 * merged OpenAPI document, /health the upstreams' state, / a landing page. Every answer carries
 * the security headers; each address has a request budget (the services limit each user).
 */
export async function startGateway(
  raw: Record<string, unknown> = process.env,
  options: { port?: number } = {},
): Promise<INestApplication> {
  const env = validateEnv(GatewayEnv, raw);
  // No body parser: proxied bodies must pass through byte for byte, whatever their size or type.
  const logger = createServiceLogger('gateway', env.LOG_LEVEL);
  const app = await NestFactory.create(gatewayAppModule(env), {
    bodyParser: false,
    abortOnError: false,
    logger,
  });
  app.use(requestLog(logger.pino));
  app.use(correlationId);
  app.use(requestLogContext);
  disableXPoweredBy(app);
  trustProxies(app, env.TRUSTED_PROXIES);
  app.use(securityHeaders);
  // Per address, in front of the proxies: a proxied request never reaches a Nest guard.
  app.use(
    addressRateLimit({
      limit: env.THROTTLE_ADDRESS_LIMIT,
      windowMs: env.THROTTLE_WINDOW_MS,
      skip: (req) => req.path === '/health',
    }),
  );
  if (env.OIDC_ISSUER) {
    const signIn = new BrowserSignIn({
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      // Without PUBLIC_URL, the address this gateway listens on (known once it listens).
      publicUrl: () =>
        env.PUBLIC_URL ??
        `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`,
      idleMs: env.SESSION_IDLE_MS,
      maxMs: env.SESSION_MAX_MS,
    });
    app.use(signIn.routes());
    app.use(signIn.forwardSession());
  }
  const targets = upstreams(env);
  for (const area of AREAS) {
    app.use(proxyTo(area, targets[area], env.UPSTREAM_TIMEOUT_MS));
  }
  // Unknown paths, /api ones included, end in Nest's 404, which this turns into problem+json.
  app.useGlobalFilters(new ProblemFilter());
  const docs = new MergedOpenApi(targets);
  SwaggerModule.setup(
    'docs',
    app,
    () => ({ ...new DocumentBuilder().setTitle('Overgang API').build(), paths: {} }),
    {
      jsonDocumentUrl: 'docs-json',
      customSiteTitle: 'Overgang API',
      patchDocumentOnRequest: () => docs.document(),
    },
  );
  app.enableShutdownHooks();
  answerClientErrorsAsProblems(app.getHttpServer() as Server);
  await app.listen(options.port ?? env.PORT, env.HOST);
  return app;
}
