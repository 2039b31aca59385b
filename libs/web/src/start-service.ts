import { Server } from 'http';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BaseServiceEnv, kafkaBrokers } from '@overgang/config';
import { kafkaConsumerOptions } from '@overgang/messaging';
import { createServiceLogger, requestLog } from '@overgang/observability';
import { answerClientErrorsAsProblems } from './client-error';
import { configureHttpApp } from './http-app';

export interface StartServiceOptions {
  name: string;
  title: string;
  module: DynamicModule;
  env: BaseServiceEnv;
  /** Listen on this port instead of env.PORT (0 = any free port, for tests). */
  port?: number;
}

/** Boots one hub service: HTTP API, then its Kafka consumer, then the listener. */
export async function startService(o: StartServiceOptions): Promise<INestApplication> {
  const logger = createServiceLogger(o.name, o.env.LOG_LEVEL);
  const app = await NestFactory.create(o.module, { logger, abortOnError: false });
  // First, so a request refused by any later middleware is logged too.
  app.use(requestLog(logger.pino));
  configureHttpApp(
    app,
    o.title,
    {
      timeoutMs: o.env.REQUEST_TIMEOUT_MS,
      statementTimeoutMs: o.env.DB_STATEMENT_TIMEOUT_MS,
    },
    o.env.TRUSTED_PROXIES,
  );
  app.connectMicroservice(kafkaConsumerOptions(o.name, kafkaBrokers(o.env)));
  await app.init();
  await app.startAllMicroservices();
  answerClientErrorsAsProblems(app.getHttpServer() as Server);
  await app.listen(o.port ?? o.env.PORT, o.env.HOST);
  return app;
}
