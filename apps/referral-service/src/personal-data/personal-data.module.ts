import { Global, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { FieldCipher, installedFieldCipher } from '@overgang/crypto';
import { IDEMPOTENCY_BODY_SEALER } from '@overgang/web';
import { EraseClosedReferralsHandler } from './application/erase-closed-referrals/erase-closed-referrals.handler';
import { PruneAccessLogHandler } from './application/prune-access-log/prune-access-log.handler';
import { DailyRetentionJob } from './application/retention/daily-retention.job';
import { RotateDataKeysHandler } from './application/rotate-data-keys/rotate-data-keys.handler';
import { AccessLogRetentionRepository } from './infrastructure/access-log-retention.repository';
import { FIELD_CIPHER, idempotencyAnswerSealer } from './infrastructure/data-key-ring';
import { ResealRepository } from './infrastructure/reseal.repository';
import { RetentionRepository } from './infrastructure/retention.repository';

/** Rows written before sealing existed are sealed at start, before the service answers anything. */
@Injectable()
class SealLegacyRowsAtStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('DataKeys');

  constructor(private readonly rotate: RotateDataKeysHandler) {}

  async onApplicationBootstrap(): Promise<void> {
    const report = await this.rotate.sealLegacyRows();
    if (report) this.logger.log(`sealed rows stored in clear: ${JSON.stringify(report.resealed)}`);
  }
}

/**
 * Personal data at rest: the key ring (installed at start, see installDataKeys), key rotation, the
 * sealing of stored Idempotency-Key answers, and the retention policy's daily run. Global, so the
 * idempotency module finds the sealer.
 */
@Global()
@Module({
  providers: [
    { provide: FIELD_CIPHER, useFactory: () => installedFieldCipher() },
    {
      provide: IDEMPOTENCY_BODY_SEALER,
      inject: [FIELD_CIPHER],
      useFactory: (cipher: FieldCipher) => idempotencyAnswerSealer(cipher),
    },
    ResealRepository,
    RetentionRepository,
    AccessLogRetentionRepository,
    RotateDataKeysHandler,
    SealLegacyRowsAtStart,
    EraseClosedReferralsHandler,
    PruneAccessLogHandler,
    DailyRetentionJob,
  ],
  exports: [FIELD_CIPHER, IDEMPOTENCY_BODY_SEALER],
})
export class PersonalDataModule {}
