import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { personKey } from '../../personal-data/infrastructure/data-key-ring';

/** The ids of what the hub holds about one person: their referrals and their consents. */
export interface PersonRecords {
  referralIds: string[];
  consentIds: string[];
}

/** The one place a person's records are looked up by national ID (the person's right of access). */
@Injectable()
export class PersonRecordsRepository {
  async recordsOf(manager: EntityManager, nationalId: string): Promise<PersonRecords> {
    const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
    const referrals = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM referral WHERE person_key = $1`,
      [personKey(nationalId)],
    );
    const consents = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM consent WHERE person_key = $1`,
      [personKey(nationalId)],
    );
    return { referralIds: ids(referrals), consentIds: ids(consents) };
  }
}
