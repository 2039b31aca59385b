import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MixedList } from 'typeorm';
import { ALL_TOPICS } from '@overgang/contracts';
import { AuthModule } from '@overgang/auth';
import { BaseServiceEnv, databaseTimeouts, kafkaBrokers, ServiceConfigModule } from '@overgang/config';
import { MessagingModule, MessagingModuleOptions } from '@overgang/messaging';
import { HEALTH_CHECKS, HealthController } from '@overgang/observability';
import { openServiceDataSource, serviceDataSourceOptions } from '@overgang/persistence';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { rateLimitOptions } from './rate-limit/rate-limit.options';

export interface AppHooks {
  /** Test fault injection, see MessageProcessorOptions. */
  afterEffectsCommitted?: MessagingModuleOptions['afterEffectsCommitted'];
}

export interface HubServiceOptions {
  name: string;
  schema: string;
  env: BaseServiceEnv;
  entities: Function[];
  migrations: MixedList<Function | string>;
  /** Distinct per service: one outbox relay per schema publishes at a time. */
  outboxLockKey: number;
  feature: Type<unknown>;
  /** Extra readiness checks (a provider of HEALTH_CHECKS). */
  healthChecks?: Provider;
  afterEffectsCommitted?: MessagingModuleOptions['afterEffectsCommitted'];
}

@Module({})
class HubServiceRootModule {}

/** The wiring every hub service shares: config, its own schema, messaging, auth and health. */
export function hubServiceModule(o: HubServiceOptions): DynamicModule {
  const dsOptions = {
    url: o.env.DATABASE_URL,
    schema: o.schema,
    entities: o.entities,
    migrations: o.migrations,
    applicationName: o.name,
    timeouts: databaseTimeouts(o.env),
  };
  return {
    module: HubServiceRootModule,
    imports: [
      ServiceConfigModule.forEnv(o.env),
      TypeOrmModule.forRootAsync({
        useFactory: () => ({ ...serviceDataSourceOptions(dsOptions), retryAttempts: 3, retryDelay: 1000 }),
        dataSourceFactory: () => openServiceDataSource(dsOptions),
      }),
      MessagingModule.forRoot({
        service: o.name,
        brokers: kafkaBrokers(o.env),
        topics: ALL_TOPICS,
        maxAttempts: o.env.CONSUMER_MAX_ATTEMPTS,
        outboxPollMs: o.env.OUTBOX_POLL_MS,
        outboxLockKey: o.outboxLockKey,
        afterEffectsCommitted: o.afterEffectsCommitted,
      }),
      AuthModule,
      // Idempotency-Key on every request that changes something (the service's idempotency_key table).
      IdempotencyModule,
      // The rate limits (THROTTLE_*); configureHttpApp puts the guard after the auth guards.
      RateLimitModule.forOptions(rateLimitOptions(o.env)),
      o.feature,
    ],
    controllers: [HealthController],
    providers: [o.healthChecks ?? { provide: HEALTH_CHECKS, useValue: [] }],
  };
}
