import { EntityManager } from 'typeorm';
import { REFERRAL_PROGRESSED_V1, ReferralProgressedV1, ReferralType } from '@overgang/contracts';
import { OutboxWriter } from '@overgang/messaging';
import type { ReferralOrmEntity } from '../../infrastructure/referral.orm-entity';

/**
 * One `withhold` step per recipient unit the referral is withheld from, in the caller's transaction:
 * the deadline service pauses that unit's clocks alone (CONSENT_WITHDRAWN).
 */
export async function writeWithholdEvents(
  outbox: OutboxWriter,
  manager: EntityManager,
  referral: Pick<ReferralOrmEntity, 'id' | 'type' | 'status'>,
  unitIds: readonly string[],
  by: { organisationNumber: string; correlationId: string; causationId?: string | null },
  at: Date,
): Promise<void> {
  for (const unitId of unitIds) {
    await outbox.write<ReferralProgressedV1>(manager, {
      topic: REFERRAL_PROGRESSED_V1,
      key: referral.id,
      correlationId: by.correlationId,
      causationId: by.causationId ?? null,
      occurredAt: at,
      payload: {
        referralId: referral.id,
        referralType: referral.type as ReferralType,
        action: 'withhold',
        fromStatus: referral.status as ReferralProgressedV1['fromStatus'],
        toStatus: referral.status as ReferralProgressedV1['toStatus'],
        actorOrganisationNumber: by.organisationNumber,
        recipientUnitId: unitId,
        code: 'CONSENT_WITHDRAWN',
        at: at.toISOString(),
      },
    });
  }
}
