export * from './problem';
export * from './http-app';
export * from './validators';
export * from './start-service';
export * from './service-module';
export * from './correlation-id';
export * from './request-scope';
