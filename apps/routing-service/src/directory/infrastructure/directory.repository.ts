import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ReferralType, UnitKind } from '@overgang/contracts';
import {
  Absence,
  AbsenceRecord,
  ContactPerson,
  ContactPersonChanges,
  ContactPersonRecord,
  DirectoryEntries,
  DirectorySnapshot,
  NavCoverage,
  Organisation,
  OrganisationType,
  UnitChanges,
  UnitMode,
  UnitRecord,
} from '../domain/directory';
import {
  AbsenceOrmEntity,
  ContactPersonOrmEntity,
  DirectoryStateOrmEntity,
  NavCoverageOrmEntity,
  OrganisationOrmEntity,
  UnitOrmEntity,
} from './directory.orm-entity';

/** Serialises directory changes across replicas (pg_advisory_xact_lock key). */
const DIRECTORY_LOCK = 2002;

const CONTACT_COLUMNS = ['unit_id', 'name', 'email', 'phone', 'role', 'referral_types', 'active'];

// The columns hold only values the directory's commands validated: the casts name their types.
const organisation = (o: OrganisationOrmEntity | null) => o as Organisation | null;
const unit = (u: UnitOrmEntity | null) => u as UnitRecord | null;
const contactPerson = (c: ContactPersonOrmEntity | null) => c as ContactPersonRecord | null;

/** Every query on the directory's tables; always inside the caller's transaction (or its manager). */
@Injectable()
export class DirectoryRepository {
  /** One directory change at a time; the others wait here. */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${DIRECTORY_LOCK})`);
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

  async snapshot(manager: EntityManager): Promise<DirectorySnapshot> {
    // One connection inside a transaction: the queries run one after another.
    const organisations = await manager.find(OrganisationOrmEntity);
    const units = await manager.find(UnitOrmEntity, { order: { id: 'ASC' } });
    const navCoverage = await manager.find(NavCoverageOrmEntity);
    return toSnapshot(organisations, units, navCoverage);
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
    return toSnapshot(organisations, units, navCoverage);
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

  /** A unit the directory does not know shares its referrals the default way. */
  async unitMode(manager: EntityManager, unitId: string): Promise<UnitMode> {
    const found = await manager.findOneBy(UnitOrmEntity, { id: unitId });
    return (found?.mode ?? 'primary-backup') as UnitMode;
  }

  async organisation(manager: EntityManager, organisationNumber: string): Promise<Organisation | null> {
    return organisation(await manager.findOneBy(OrganisationOrmEntity, { organisationNumber }));
  }

  async municipality(manager: EntityManager, municipalityNumber: string): Promise<Organisation | null> {
    return organisation(
      await manager.findOneBy(OrganisationOrmEntity, { type: 'municipality', municipalityNumber }),
    );
  }

  async navOffice(manager: EntityManager, organisationNumber: string): Promise<Organisation | null> {
    return organisation(
      await manager.findOneBy(OrganisationOrmEntity, { organisationNumber, type: 'nav-office' }),
    );
  }

  async organisations(
    manager: EntityManager,
    orderBy: 'name' | 'organisationNumber',
  ): Promise<Organisation[]> {
    return (await manager.find(OrganisationOrmEntity, { order: { [orderBy]: 'ASC' } })) as Organisation[];
  }

  async unit(manager: EntityManager, id: string): Promise<UnitRecord | null> {
    return unit(await manager.findOneBy(UnitOrmEntity, { id }));
  }

  async units(manager: EntityManager): Promise<UnitRecord[]> {
    return (await manager.find(UnitOrmEntity, { order: { id: 'ASC' } })) as UnitRecord[];
  }

  /** The units of these ids that exist (any order). */
  async unitsByIds(manager: EntityManager, ids: string[]): Promise<UnitRecord[]> {
    if (ids.length === 0) return [];
    return (await manager.find(UnitOrmEntity, { where: { id: In([...new Set(ids)]) } })) as UnitRecord[];
  }

  /** The contact persons of these ids that exist (any order). */
  async contactPersonsByIds(manager: EntityManager, ids: string[]): Promise<ContactPersonRecord[]> {
    if (ids.length === 0) return [];
    return (await manager.find(ContactPersonOrmEntity, {
      where: { id: In([...new Set(ids)]) },
    })) as ContactPersonRecord[];
  }

  /** The organisations of these numbers that exist (any order). */
  async organisationsByNumbers(manager: EntityManager, numbers: string[]): Promise<Organisation[]> {
    if (numbers.length === 0) return [];
    return (await manager.find(OrganisationOrmEntity, {
      where: { organisationNumber: In([...new Set(numbers)]) },
    })) as Organisation[];
  }

  async contactPerson(manager: EntityManager, id: string): Promise<ContactPersonRecord | null> {
    return contactPerson(await manager.findOneBy(ContactPersonOrmEntity, { id }));
  }

  /** A unit's contact persons, primaries first. */
  async contactPersonsOfUnit(manager: EntityManager, unitId: string): Promise<ContactPersonRecord[]> {
    return (await manager.find(ContactPersonOrmEntity, {
      where: { unitId },
      order: { role: 'DESC' },
    })) as ContactPersonRecord[];
  }

  async contactPersons(manager: EntityManager): Promise<ContactPersonRecord[]> {
    return (await manager.find(ContactPersonOrmEntity, { order: { id: 'ASC' } })) as ContactPersonRecord[];
  }

  async navCoverage(manager: EntityManager): Promise<NavCoverage[]> {
    return manager.find(NavCoverageOrmEntity, { order: { municipalityNumber: 'ASC' } });
  }

  async addOrganisation(manager: EntityManager, o: Organisation): Promise<void> {
    await manager.insert(OrganisationOrmEntity, o);
  }

  async addUnit(manager: EntityManager, u: UnitRecord): Promise<void> {
    await manager.insert(UnitOrmEntity, u);
  }

  async changeUnit(manager: EntityManager, id: string, changes: UnitChanges): Promise<void> {
    await manager.update(UnitOrmEntity, { id }, changes);
  }

  async addContactPerson(manager: EntityManager, c: ContactPersonRecord): Promise<void> {
    await manager.insert(ContactPersonOrmEntity, c);
  }

  async changeContactPerson(
    manager: EntityManager,
    id: string,
    changes: ContactPersonChanges,
  ): Promise<void> {
    await manager.update(ContactPersonOrmEntity, { id }, changes);
  }

  async setNavCoverage(manager: EntityManager, coverage: NavCoverage): Promise<void> {
    await manager.save(NavCoverageOrmEntity, coverage);
  }

  async addAbsence(manager: EntityManager, absence: AbsenceRecord): Promise<void> {
    await manager.save(AbsenceOrmEntity, absence);
  }

  /** Adds the entries the directory lacks and never overwrites one that exists; returns how many were added. */
  async addMissing(manager: EntityManager, entries: DirectoryEntries): Promise<number> {
    const add = async (entity: Function, rows: object[]) => {
      if (rows.length === 0) return 0;
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows)
        .orIgnore()
        .returning('*')
        .execute();
      return (result.raw as unknown[]).length;
    };
    return (
      (await add(OrganisationOrmEntity, entries.organisations)) +
      (await add(UnitOrmEntity, entries.units)) +
      (await add(ContactPersonOrmEntity, entries.contactPersons)) +
      (await add(NavCoverageOrmEntity, entries.navCoverage))
    );
  }

  /** Adds or updates every entry named; never deletes. Returns how many of each were written. */
  async upsert(manager: EntityManager, entries: DirectoryEntries) {
    const upsert = async (entity: Function, rows: object[], conflict: string[], columns: string[]) => {
      if (rows.length === 0) return 0;
      await manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows)
        .orUpdate(columns, conflict)
        .execute();
      return rows.length;
    };
    return {
      organisations: await upsert(
        OrganisationOrmEntity,
        entries.organisations,
        ['organisation_number'],
        ['name', 'type', 'municipality_number'],
      ),
      units: await upsert(
        UnitOrmEntity,
        entries.units,
        ['id'],
        ['organisation_number', 'name', 'kind', 'receives', 'mode'],
      ),
      contactPersons: await upsert(ContactPersonOrmEntity, entries.contactPersons, ['id'], CONTACT_COLUMNS),
      navCoverage: await upsert(
        NavCoverageOrmEntity,
        entries.navCoverage,
        ['municipality_number'],
        ['nav_organisation_number'],
      ),
    };
  }

  async upsertContactPersons(manager: EntityManager, rows: ContactPersonRecord[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ContactPersonOrmEntity)
      .values(rows)
      .orUpdate(CONTACT_COLUMNS, ['id'])
      .execute();
  }
}

function toSnapshot(
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
