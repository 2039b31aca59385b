import { DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { directoryProjectionLoaded } from '@overgang/auth';
import { HEALTH_CHECKS, HealthCheck } from '@overgang/observability';
import { AppHooks, hubServiceModule } from '@overgang/web';
import { DB_SCHEMA, ReferralServiceEnv, SERVICE_NAME } from './config/env.schema';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { installDataKeys } from './personal-data/infrastructure/data-key-ring';
import { ReferralModule } from './referral/referral.module';

/** Submission needs the routing service's recipient map; until it arrives the service is not ready. */
const recipientMapLoaded =
  (ds: DataSource): HealthCheck =>
  async () => {
    const [{ n }] = await ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM recipient_map`);
    return { name: 'recipientMap', ok: n > 0, detail: 'waiting for routing.recipient-map-published.v1' };
  };

export function referralAppModule(env: ReferralServiceEnv, hooks: AppHooks = {}): DynamicModule {
  // Before any entity is read or written: the sealed columns use the process's key ring.
  installDataKeys(env);
  return hubServiceModule({
    name: SERVICE_NAME,
    schema: DB_SCHEMA,
    env,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    outboxLockKey: 1001,
    feature: ReferralModule,
    healthChecks: {
      provide: HEALTH_CHECKS,
      inject: [DataSource],
      useFactory: (ds: DataSource) => [recipientMapLoaded(ds), directoryProjectionLoaded(ds)],
    },
    afterEffectsCommitted: hooks.afterEffectsCommitted,
  });
}
