export * from './idempotency-key';
export * from './idempotency-key.orm-entity';
export * from './idempotency.module';
export * from './idempotency.openapi';
