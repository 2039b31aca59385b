import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, text } from 'express';
import { correlationId } from './correlation-id';
import { requestScope } from './request-scope';
import { ProblemFilter, strictValidationPipe } from './problem';

/**
 * The HTTP set-up every service shares: correlation ids, strict validation, problem+json errors,
 * and its OpenAPI document at /docs-json for the gateway to merge.
 */
export function configureHttpApp(app: INestApplication, title: string): void {
  app.use(json({ limit: '1mb' }));
  // CSV imports arrive as text; nothing else is read as text.
  app.use(text({ type: 'text/csv', limit: '2mb' }));
  app.use(correlationId);
  app.use(requestScope);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  const config = new DocumentBuilder().setTitle(title).setVersion('1').addBearerAuth().build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
