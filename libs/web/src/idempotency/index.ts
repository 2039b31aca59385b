export * from './idempotency-key';
export * from './idempotency-key.orm-entity';
export * from './idempotency.module';
export * from './idempotency.openapi';
export { IDEMPOTENCY_BODY_SEALER } from './idempotency-key.repository';
export type { IdempotencyBodySealer } from './idempotency-key.repository';
