import { INestApplication } from '@nestjs/common';
import { validateEnv } from '@overgang/config';
import { AppHooks, startService } from '@overgang/web';
import { referralAppModule } from './app.module';
import { ReferralServiceEnv, SERVICE_NAME } from './config/env.schema';

export async function startReferralService(
  raw: Record<string, unknown> = process.env,
  options: { port?: number; hooks?: AppHooks } = {},
): Promise<INestApplication> {
  const env = validateEnv(ReferralServiceEnv, raw);
  return startService({
    name: SERVICE_NAME,
    title: 'Overgang referral service',
    module: referralAppModule(env, options.hooks),
    env,
    port: options.port,
  });
}
