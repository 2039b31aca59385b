import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ENV } from '@overgang/config';
import { DomainError } from '@overgang/core';
import { isSyntheticNationalId } from '@overgang/norway';
import { ReferralServiceEnv } from './env.schema';

/**
 * Which national ID numbers this deployment takes. Synthetic test numbers (Tenor, Dolly) belong
 * to tests and demos; in production they would be a mistake or a fake person, so every intake and
 * consent refuses them there.
 */
@Injectable()
export class NationalIdPolicy {
  private readonly allowSynthetic: boolean;

  constructor(@Inject(SERVICE_ENV) env: ReferralServiceEnv) {
    this.allowSynthetic = env.NODE_ENV !== 'production';
  }

  /** Throws when the number may not be registered here; never echoes it. */
  assertAccepted(nationalId: string, field = 'nationalId'): void {
    if (this.allowSynthetic || !isSyntheticNationalId(nationalId)) return;
    throw new DomainError(
      'NATIONAL_ID.SYNTHETIC',
      `${field} er et syntetisk testnummer (Tenor eller Dolly). I produksjon tas bare ekte fødselsnumre og D-numre imot.`,
      'invalid',
      { field },
    );
  }
}
