import { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, text } from 'express';
import { requestLogContext } from '@overgang/observability';
import { correlationId } from './correlation-id';
import { MediaTypeGuard, refuseForeignCharset } from './media-type';
import { requestDeadline, RequestDeadlineOptions } from './request-deadline';
import { checkRequestInput } from './request-input';
import { documentIdempotencyKey } from './idempotency/idempotency.openapi';
import { requestScope } from './request-scope';
import { strictValidationPipe } from './problem';
import { trustProxies } from './rate-limit/client-address';
import { RateLimitedProblemFilter, UnauthenticatedRateLimit } from './rate-limit/unauthenticated-rate-limit';
import { UserRateLimitGuard } from './rate-limit/user-rate-limit.guard';
import { disableXPoweredBy, securityHeaders } from './security-headers';

/**
 * The HTTP set-up every service shares: correlation ids, bounded and checked input (1 MB of JSON,
 * UTF-8, no NUL characters, the media type each endpoint takes), a deadline per request, strict
 * validation, problem+json errors, and its OpenAPI document at /docs-json for the gateway to merge.
 * Every response carries the security headers; each signed-in user has a request budget, and so
 * has each address for requests refused 401 (rate-limit/). The caller's address is read from
 * X-Forwarded-For only when the gateway (a trusted proxy) sent it.
 */
export function configureHttpApp(
  app: INestApplication,
  title: string,
  deadline: RequestDeadlineOptions,
  trustedProxies: string,
): void {
  disableXPoweredBy(app);
  trustProxies(app, trustedProxies);
  app.use(securityHeaders);
  app.use(correlationId);
  app.use(refuseForeignCharset);
  app.use(json({ limit: '1mb' }));
  // CSV imports arrive as text; nothing else is read as text.
  app.use(text({ type: 'text/csv', limit: '2mb' }));
  app.use(checkRequestInput);
  // After the body parsers: they call on from a stream callback, outside any async scope opened earlier.
  app.use(requestScope);
  app.use(requestLogContext);
  app.use(requestDeadline(deadline));
  // After the APP_GUARDs (auth), so the user limit sees only verified principals.
  app.useGlobalGuards(app.get(UserRateLimitGuard), new MediaTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new RateLimitedProblemFilter(app.get(UnauthenticatedRateLimit)));
  app.enableShutdownHooks();
  const config = new DocumentBuilder().setTitle(title).setVersion('1').addBearerAuth().build();
  const document = documentIdempotencyKey(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
