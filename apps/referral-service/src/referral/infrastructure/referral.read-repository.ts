import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ProcessingStopOrmEntity,
  ReferralClockOrmEntity,
  ReferralHistoryOrmEntity,
  ReferralLinkOrmEntity,
  ReferralOrmEntity,
  ReferralRecipientOrmEntity,
} from './referral.orm-entity';

/** What a reader holds: as contact person, as second holder, or through their unit. */
export interface Holder {
  organisationNumber: string;
  userId: string;
  unitId: string | null;
}

/** The read side's queries; each runs on the manager it is given (the read's own transaction). */
@Injectable()
export class ReferralReadRepository {
  /** The recipient entries the holder holds, with their referrals, clocks and possible duplicates. */
  async holdings(manager: EntityManager, holder: Holder) {
    const recipients = await manager
      .getRepository(ReferralRecipientOrmEntity)
      .createQueryBuilder('rr')
      .where('rr.organisation_number = :org', { org: holder.organisationNumber })
      .andWhere(
        '(rr.contact_person_id = :user OR rr.co_holder_contact_person_id = :user OR rr.unit_id = :unit)',
        { user: holder.userId, unit: holder.unitId ?? '' },
      )
      .getMany();
    if (recipients.length === 0) return { recipients, referrals: [], clocks: [], links: [] };
    const ids = [...new Set(recipients.map((r) => r.referralId))];
    const referrals = await manager
      .getRepository(ReferralOrmEntity)
      .createQueryBuilder('r')
      .whereInIds(ids)
      .getMany();
    const clocks = await manager
      .getRepository(ReferralClockOrmEntity)
      .createQueryBuilder('c')
      .where('c.referral_id IN (:...ids)', { ids })
      .getMany();
    const links = await manager
      .getRepository(ReferralLinkOrmEntity)
      .createQueryBuilder('l')
      .where('l.referral_id IN (:...ids)', { ids })
      .getMany();
    return { recipients, referrals, clocks, links };
  }

  processingStops(manager: EntityManager, referralId: string): Promise<ProcessingStopOrmEntity[]> {
    return manager.find(ProcessingStopOrmEntity, {
      where: { referralId },
      order: { organisationNumber: 'ASC' },
    });
  }

  links(manager: EntityManager, referralId: string): Promise<ReferralLinkOrmEntity[]> {
    return manager.find(ReferralLinkOrmEntity, { where: { referralId } });
  }

  /** Each entry with its sealed free text opened and put back beside its codes. */
  async history(manager: EntityManager, referralId: string): Promise<ReferralHistoryOrmEntity[]> {
    const entries = await manager.find(ReferralHistoryOrmEntity, {
      where: { referralId },
      order: { id: 'ASC' },
    });
    return entries.map((h) => ({ ...h, facts: { ...h.facts, ...(h.personalFacts ?? {}) } }));
  }
}
