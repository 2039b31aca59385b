import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyKeyRepository } from './idempotency-key.repository';
import { IdempotencyKeySweeper } from './idempotency-key.sweeper';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Idempotency-Key on every request that changes something, for a service with an idempotency_key table. */
@Module({
  providers: [
    IdempotencyKeyRepository,
    IdempotencyKeySweeper,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
