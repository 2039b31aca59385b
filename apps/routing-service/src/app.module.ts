import { DynamicModule } from '@nestjs/common';
import { AppHooks, hubServiceModule } from '@overgang/web';
import { DB_SCHEMA, RoutingServiceEnv, SERVICE_NAME } from './config/env.schema';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { RoutingModule } from './routing.module';

export function routingAppModule(env: RoutingServiceEnv, hooks: AppHooks = {}): DynamicModule {
  return hubServiceModule({
    name: SERVICE_NAME,
    schema: DB_SCHEMA,
    env,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    outboxLockKey: 1002,
    feature: RoutingModule,
    afterEffectsCommitted: hooks.afterEffectsCommitted,
  });
}
