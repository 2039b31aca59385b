import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfigModule } from '@overgang/config';
import { GatewayEnv } from './config/env.schema';
import { GatewayController } from './gateway.controller';

@Module({})
class GatewayRootModule {}

/** No database, broker or auth: the gateway only routes, and each service verifies the token itself. */
export function gatewayAppModule(env: GatewayEnv): DynamicModule {
  return {
    module: GatewayRootModule,
    imports: [ServiceConfigModule.forEnv(env)],
    controllers: [GatewayController],
  };
}
