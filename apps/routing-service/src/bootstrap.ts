import { join } from 'path';
import { INestApplication } from '@nestjs/common';
import { validateEnv } from '@overgang/config';
import { AppHooks, startService } from '@overgang/web';
import { routingAppModule } from './app.module';
import { RoutingServiceEnv, SERVICE_NAME } from './config/env.schema';

/** The demo directory (fictitious people and organisation numbers) shipped with the service. */
export const DEMO_DIRECTORY = join(__dirname, 'directory', 'fixtures', 'demo-directory.json');

export async function startRoutingService(
  raw: Record<string, unknown> = process.env,
  options: { port?: number; hooks?: AppHooks } = {},
): Promise<INestApplication> {
  const env = validateEnv(RoutingServiceEnv, raw);
  return startService({
    name: SERVICE_NAME,
    title: 'Overgang routing service',
    module: routingAppModule(env, options.hooks),
    env,
    port: options.port,
  });
}
