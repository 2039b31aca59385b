import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Consent, effectiveConsent } from '../../domain/consent';
import { ConsentRepository } from '../../infrastructure/consent.repository';

/** How other areas see a consent: what it still allows, never its table. */
@Injectable()
export class ConsentReader {
  constructor(private readonly consents: ConsentRepository) {}

  /**
   * The consent as it stands after partial withdrawals, held (FOR SHARE) until the caller's
   * transaction ends: a withdrawal committing at the same moment waits for it, then sees what it did.
   */
  async holdEffective(manager: EntityManager, consentId: string): Promise<Consent | null> {
    const consent = await this.consents.holdForShare(manager, consentId);
    return consent && effectiveConsent(consent);
  }
}
