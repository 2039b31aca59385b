import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ALL_TOPICS } from '@overgang/contracts';
import { AuthModule } from '@overgang/auth';
import { kafkaBrokers, ServiceConfigModule } from '@overgang/config';
import { MessagingModule, MessagingModuleOptions } from '@overgang/messaging';
import { HEALTH_CHECKS, HealthCheck, HealthController } from '@overgang/observability';
import { openServiceDataSource, serviceDataSourceOptions } from '@overgang/persistence';
import { DB_SCHEMA, ReferralServiceEnv, SERVICE_NAME } from './config/env.schema';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { ReferralModule } from './referral/referral.module';

export interface AppHooks {
  afterEffectsCommitted?: MessagingModuleOptions['afterEffectsCommitted'];
}

/** Submission needs the routing service's recipient map; until it arrives the service is not ready. */
const recipientMapLoaded = (ds: DataSource): HealthCheck => async () => {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM recipient_map`);
  return { name: 'recipientMap', ok: n > 0, detail: 'waiting for routing.recipient-map-published.v1' };
};

@Module({})
export class AppModule {
  static forRoot(env: ReferralServiceEnv, hooks: AppHooks = {}): DynamicModule {
    const dsOptions = {
      url: env.DATABASE_URL,
      schema: DB_SCHEMA,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      applicationName: SERVICE_NAME,
    };
    return {
      module: AppModule,
      imports: [
        ServiceConfigModule.forEnv(env),
        TypeOrmModule.forRootAsync({
          useFactory: () => serviceDataSourceOptions(dsOptions),
          dataSourceFactory: () => openServiceDataSource(dsOptions),
        }),
        MessagingModule.forRoot({
          service: SERVICE_NAME,
          brokers: kafkaBrokers(env),
          topics: ALL_TOPICS,
          maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
          outboxPollMs: env.OUTBOX_POLL_MS,
          outboxLockKey: 1001,
          afterEffectsCommitted: hooks.afterEffectsCommitted,
        }),
        AuthModule,
        ReferralModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_CHECKS, inject: [DataSource], useFactory: (ds: DataSource) => [recipientMapLoaded(ds)] },
      ],
    };
  }
}
