import { DynamicModule } from '@nestjs/common';
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
    afterEffectsCommitted: hooks.afterEffectsCommitted,
  });
}
