import { DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { directoryProjectionLoaded } from '@overgang/auth';
import { HEALTH_CHECKS } from '@overgang/observability';
import { AppHooks, hubServiceModule } from '@overgang/web';
import { DB_SCHEMA, DeadlineServiceEnv, SERVICE_NAME } from './config/env.schema';
import { DeadlineModule } from './deadline/deadline.module';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function deadlineAppModule(env: DeadlineServiceEnv, hooks: AppHooks = {}): DynamicModule {
  return hubServiceModule({
    name: SERVICE_NAME,
    schema: DB_SCHEMA,
    env,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    outboxLockKey: 1003,
    feature: DeadlineModule,
    // Until the directory has arrived every request is answered 503: callers cannot be checked.
    healthChecks: {
      provide: HEALTH_CHECKS,
      inject: [DataSource],
      useFactory: (ds: DataSource) => [directoryProjectionLoaded(ds)],
    },
    afterEffectsCommitted: hooks.afterEffectsCommitted,
  });
}
