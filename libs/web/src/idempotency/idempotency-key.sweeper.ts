import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { safeError } from '@overgang/observability';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

const SWEEP_MS = 60 * 60 * 1000;

/** Deletes keys past their 24 hours once an hour; lookups ignore them anyway, so this only keeps the table small. */
@Injectable()
export class IdempotencyKeySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(private readonly keys: IdempotencyKeyRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.keys
        .deleteExpired()
        .catch((err: unknown) =>
          this.logger.warn({ msg: 'expired idempotency keys not deleted', err: safeError(err) }),
        )
        .finally(() => (this.sweeping = null));
    }, SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }
}
