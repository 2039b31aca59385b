export * from './rate-limit.options';
export * from './client-address';
export * from './user-rate-limit.guard';
export * from './unauthenticated-rate-limit';
export * from './address-rate-limit';
export * from './rate-limit.module';
