import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReferralType, UnitKind } from '@overgang/contracts';
import { Absence, ContactPerson, DirectorySnapshot, OrganisationType } from '../domain/directory';
import {
  AbsenceOrmEntity,
  ContactPersonOrmEntity,
  DirectoryStateOrmEntity,
  NavCoverageOrmEntity,
  OrganisationOrmEntity,
  UnitOrmEntity,
} from '../infrastructure/directory.orm-entity';

/** Reads the directory into the plain shapes the routing rules work on. */
@Injectable()
export class DirectoryStore {
  async snapshot(manager: EntityManager): Promise<DirectorySnapshot> {
    // One connection inside a transaction: the queries run one after another.
    const organisations = await manager.find(OrganisationOrmEntity);
    const units = await manager.find(UnitOrmEntity, { order: { id: 'ASC' } });
    const navCoverage = await manager.find(NavCoverageOrmEntity);
    return this.toSnapshot(organisations, units, navCoverage);
  }

  /**
   * Only the part of the directory that routing in one municipality needs: the municipality, the
   * NAV office serving it, and their units. Routing a referral costs the same however large the
   * directory grows.
   */
  async snapshotFor(manager: EntityManager, municipalityNumber: string): Promise<DirectorySnapshot> {
    const navCoverage = await manager.find(NavCoverageOrmEntity, { where: { municipalityNumber } });
    const organisations = await manager
      .createQueryBuilder(OrganisationOrmEntity, 'o')
      .where('o.municipality_number = :m', { m: municipalityNumber })
      .orWhere('o.organisation_number IN (:...nav)', {
        nav: navCoverage.map((c) => c.navOrganisationNumber).concat('-'),
      })
      .getMany();
    const units = organisations.length
      ? await manager
          .createQueryBuilder(UnitOrmEntity, 'u')
          .where('u.organisation_number IN (:...orgs)', {
            orgs: organisations.map((o) => o.organisationNumber),
          })
          .orderBy('u.id')
          .getMany()
      : [];
    return this.toSnapshot(organisations, units, navCoverage);
  }

  private toSnapshot(
    organisations: OrganisationOrmEntity[],
    units: UnitOrmEntity[],
    navCoverage: NavCoverageOrmEntity[],
  ): DirectorySnapshot {
    return {
      organisations: organisations.map((o) => ({ ...o, type: o.type as OrganisationType })),
      units: units.map((u) => ({
        id: u.id,
        organisationNumber: u.organisationNumber,
        name: u.name,
        kind: u.kind as UnitKind,
        receives: u.receives as ReferralType[],
      })),
      navCoverage,
    };
  }

  async contactsOf(manager: EntityManager, unitIds: string[]): Promise<ContactPerson[]> {
    if (unitIds.length === 0) return [];
    const rows = await manager
      .createQueryBuilder(ContactPersonOrmEntity, 'c')
      .where('c.unit_id IN (:...unitIds)', { unitIds })
      .orderBy('c.id')
      .getMany();
    return rows.map((c) => ({
      id: c.id,
      unitId: c.unitId,
      role: c.role as 'primary' | 'backup',
      referralTypes: c.referralTypes as ReferralType[],
      active: c.active,
    }));
  }

  async absencesOn(manager: EntityManager, contactIds: string[], date: string): Promise<Absence[]> {
    if (contactIds.length === 0) return [];
    const rows = await manager
      .createQueryBuilder(AbsenceOrmEntity, 'a')
      .where('a.contact_person_id IN (:...contactIds)', { contactIds })
      .andWhere('a.from_date <= :date AND a.to_date >= :date', { date })
      .getMany();
    return rows.map((a) => ({ contactPersonId: a.contactPersonId, from: a.fromDate, to: a.toDate }));
  }

  async version(manager: EntityManager): Promise<number> {
    const state = await manager.findOneBy(DirectoryStateOrmEntity, { id: 1 });
    return state?.version ?? 0;
  }

  async bumpVersion(manager: EntityManager): Promise<number> {
    const [row] = await manager.query<Array<{ version: number }>>(
      `INSERT INTO directory_state (id, version) VALUES (1, 1)
       ON CONFLICT (id) DO UPDATE SET version = directory_state.version + 1 RETURNING version`,
    );
    return Number(row.version);
  }
}
