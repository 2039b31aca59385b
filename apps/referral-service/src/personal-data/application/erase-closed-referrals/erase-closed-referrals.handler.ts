import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FINAL_REFERRAL_STATUSES } from '@overgang/contracts';
import { SERVICE_ENV } from '@overgang/config';
import { inTransaction } from '@overgang/persistence';
import { ReferralServiceEnv } from '../../../config/env.schema';
import { RetentionRepository } from '../../infrastructure/retention.repository';

const BATCH = 100;

/**
 * Storage limitation (GDPR art. 5(1)(e)): a referral closed for RETENTION_CLOSED_DAYS keeps its ids,
 * dates and codes for statistics and loses the person; then each consent no referral with personal
 * data relies on any longer loses its national ID too.
 */
@Injectable()
export class EraseClosedReferralsHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly retention: RetentionRepository,
    @Inject(SERVICE_ENV) private readonly env: ReferralServiceEnv,
  ) {}

  async execute(): Promise<{ referralsErased: number; consentsErased: number }> {
    const days = this.env.RETENTION_CLOSED_DAYS;
    let referralsErased = 0;
    for (let n = BATCH; n === BATCH; referralsErased += n) {
      n = await inTransaction(this.ds, (m) =>
        this.retention.eraseClosedReferrals(m, FINAL_REFERRAL_STATUSES, days, BATCH),
      );
    }
    let consentsErased = 0;
    for (let n = BATCH; n === BATCH; consentsErased += n) {
      n = await inTransaction(this.ds, (m) => this.retention.eraseEndedConsents(m, days, BATCH));
    }
    return { referralsErased, consentsErased };
  }
}
