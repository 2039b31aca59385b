import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecipientMapPublishedV1 } from '@overgang/contracts';
import { KnownInstitutionOrmEntity, RecipientMapOrmEntity } from './referral.orm-entity';

/** The routing service's latest recipient map and institutions, as this service keeps them. */
@Injectable()
export class RecipientMapRepository {
  route(
    manager: EntityManager,
    referralType: string,
    municipalityNumber: string,
  ): Promise<RecipientMapOrmEntity | null> {
    return manager.findOneBy(RecipientMapOrmEntity, { referralType, municipalityNumber });
  }

  institution(manager: EntityManager, unitId: string): Promise<KnownInstitutionOrmEntity | null> {
    return manager.findOneBy(KnownInstitutionOrmEntity, { unitId });
  }

  async currentVersion(manager: EntityManager): Promise<number | null> {
    const [{ current }] = await manager.query<Array<{ current: number | null }>>(
      `SELECT max(version) AS current FROM recipient_map`,
    );
    return current === null ? null : Number(current);
  }

  /** Replaces the whole map and the institutions with a published one. */
  async replace(manager: EntityManager, map: RecipientMapPublishedV1): Promise<void> {
    await manager.query(`DELETE FROM recipient_map`);
    await manager.query(`DELETE FROM known_institution`);
    if (map.institutions?.length) {
      await manager.insert(
        KnownInstitutionOrmEntity,
        map.institutions.map((i) => ({ unitId: i.unitId, organisationNumber: i.organisationNumber })),
      );
    }
    if (map.entries.length === 0) return;
    await manager.insert(
      RecipientMapOrmEntity,
      map.entries.map((entry) => ({
        referralType: entry.referralType,
        municipalityNumber: entry.municipalityNumber,
        recipients: entry.recipients.map((r) => ({
          organisationNumber: r.organisationNumber,
          unitId: r.unitId,
          unitKind: r.unitKind,
        })),
        version: map.version,
      })),
    );
  }
}
