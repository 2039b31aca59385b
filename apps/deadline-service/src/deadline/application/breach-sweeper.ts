import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_ENV } from '@overgang/config';
import { DeadlineServiceEnv } from '../../config/env.schema';
import { ClockHandlers } from './clock.handlers';

/** Runs the breach sweep on a timer; safe with several replicas (see ClockHandlers.sweepBreaches). */
@Injectable()
export class BreachSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BreachSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly clocks: ClockHandlers,
    @Inject(SERVICE_ENV) private readonly env: DeadlineServiceEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().finally(() => (this.running = null));
    }, this.env.DEADLINE_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      while ((await this.clocks.sweepBreaches()) > 0) {
        // keep going until nothing more is due
      }
    } catch (err) {
      this.logger.warn(`breach sweep failed, retried next tick: ${(err as Error).message}`);
    }
  }
}
