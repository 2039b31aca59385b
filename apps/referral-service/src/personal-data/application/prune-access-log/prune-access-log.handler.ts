import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_ENV } from '@overgang/config';
import { inTransaction } from '@overgang/persistence';
import { ReferralServiceEnv } from '../../../config/env.schema';
import { AccessLogRetentionRepository } from '../../infrastructure/access-log-retention.repository';

const BATCH = 5000;

/** Who read what is kept RETENTION_ACCESS_LOG_YEARS (5: long enough for a person's complaint or an audit), then deleted. */
@Injectable()
export class PruneAccessLogHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly accessLog: AccessLogRetentionRepository,
    @Inject(SERVICE_ENV) private readonly env: ReferralServiceEnv,
  ) {}

  async execute(): Promise<{ accessLogDeleted: number }> {
    let accessLogDeleted = 0;
    for (let n = BATCH; n === BATCH; accessLogDeleted += n) {
      n = await inTransaction(this.ds, (m) =>
        this.accessLog.deleteOlderThan(m, this.env.RETENTION_ACCESS_LOG_YEARS, BATCH),
      );
    }
    return { accessLogDeleted };
  }
}
