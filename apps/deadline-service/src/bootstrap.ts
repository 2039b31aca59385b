import { INestApplication } from '@nestjs/common';
import { validateEnv } from '@overgang/config';
import { AppHooks, startService } from '@overgang/web';
import { deadlineAppModule } from './app.module';
import { DeadlineServiceEnv, SERVICE_NAME } from './config/env.schema';

export async function startDeadlineService(
  raw: Record<string, unknown> = process.env,
  options: { port?: number; hooks?: AppHooks } = {},
): Promise<INestApplication> {
  const env = validateEnv(DeadlineServiceEnv, raw);
  return startService({
    name: SERVICE_NAME,
    title: 'Overgang deadline service',
    module: deadlineAppModule(env, options.hooks),
    env,
    port: options.port,
  });
}
