import { DynamicModule, Global, Module } from '@nestjs/common';
import { validateEnv } from './env';

export const SERVICE_ENV = Symbol('SERVICE_ENV');

/**
 * Validates the environment once at boot and provides the typed result. Apps read settings only
 * through this (injected as SERVICE_ENV), never from process.env.
 */
@Global()
@Module({})
export class ServiceConfigModule {
  static forRoot<T extends object>(
    cls: new () => T,
    raw: Record<string, unknown> = process.env,
  ): DynamicModule {
    return ServiceConfigModule.forEnv(validateEnv(cls, raw));
  }

  /** For an environment the caller already validated (the bootstrap validates before building the module). */
  static forEnv<T extends object>(env: T): DynamicModule {
    return {
      module: ServiceConfigModule,
      providers: [{ provide: SERVICE_ENV, useValue: env }],
      exports: [SERVICE_ENV],
    };
  }
}
