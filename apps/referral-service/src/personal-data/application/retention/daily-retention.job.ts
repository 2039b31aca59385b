import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_ENV } from '@overgang/config';
import { safeError } from '@overgang/observability';
import { inTransaction } from '@overgang/persistence';
import { ReferralServiceEnv } from '../../../config/env.schema';
import { RetentionRepository } from '../../infrastructure/retention.repository';
import { EraseClosedReferralsHandler } from '../erase-closed-referrals/erase-closed-referrals.handler';
import { PruneAccessLogHandler } from '../prune-access-log/prune-access-log.handler';

export interface RetentionRunReport {
  day: string;
  referralsErased: number;
  consentsErased: number;
  accessLogDeleted: number;
}

/**
 * The daily retention run. Each replica looks every RETENTION_SWEEP_MS (and at start) whether
 * today's run is still to do; the first to claim the day (a row in retention_run) runs it, so a
 * restart or a second replica neither skips a day nor runs it twice.
 */
@Injectable()
export class DailyRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly retention: RetentionRepository,
    private readonly eraseClosed: EraseClosedReferralsHandler,
    private readonly pruneAccessLog: PruneAccessLogHandler,
    @Inject(SERVICE_ENV) private readonly env: ReferralServiceEnv,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      if (this.running) return;
      this.running = this.runIfDue()
        .catch((err: unknown) =>
          this.logger.warn({
            msg: 'retention run failed; a day not finished is run again tomorrow',
            err: safeError(err),
          }),
        )
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(tick, this.env.RETENTION_SWEEP_MS);
    this.timer.unref();
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Today's run, unless a replica has claimed it; null then. */
  async runIfDue(): Promise<RetentionRunReport | null> {
    const day = await inTransaction(this.ds, (m) => this.retention.claimToday(m));
    if (!day) return null;
    return this.run(day);
  }

  /** Runs the policy now, whatever day it is (the claimed run, or a test). */
  async run(day: string): Promise<RetentionRunReport> {
    const erased = await this.eraseClosed.execute();
    const pruned = await this.pruneAccessLog.execute();
    const counts = { ...erased, ...pruned };
    await inTransaction(this.ds, (m) => this.retention.finish(m, day, counts));
    if (counts.referralsErased + counts.consentsErased + counts.accessLogDeleted > 0)
      this.logger.log(
        `retention ${day}: ${counts.referralsErased} referrals and ${counts.consentsErased} consents erased, ` +
          `${counts.accessLogDeleted} access-log entries deleted`,
      );
    return { day, ...counts };
  }
}
