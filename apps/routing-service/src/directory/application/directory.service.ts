import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { RECIPIENT_MAP_PUBLISHED_V1, RecipientMapPublishedV1, REFERRAL_TYPES } from '@overgang/contracts';
import { Principal } from '@overgang/auth';
import { Clock, CLOCK, DomainError, NotFoundError, osloDate } from '@overgang/core';
import { OutboxRelay, OutboxWriter } from '@overgang/messaging';
import { isKnownKommunenummer } from '@overgang/norway';
import { inTransaction } from '@overgang/persistence';
import { SERVICE_ENV } from '@overgang/config';
import { RoutingServiceEnv } from '../../config/env.schema';
import { buildRecipientMap } from '../domain/directory';
import {
  AbsenceOrmEntity,
  ContactPersonOrmEntity,
  NavCoverageOrmEntity,
  OrganisationOrmEntity,
  UnitOrmEntity,
} from '../infrastructure/directory.orm-entity';
import { RoutingEngine, Trace } from '../../routing/application/routing-engine';
import {
  CreateContactPersonDto,
  CreateOrganisationDto,
  CreateUnitDto,
  ImportDirectoryDto,
  UpdateContactPersonDto,
  UpdateUnitDto,
} from '../interface/http/dto/admin.request.dto';
import { DirectoryStore } from './directory.store';

const CSV_HEADER = 'id,organisation_number,unit_id,name,email,phone,role,referral_types';

/** One CSV line: commas separate, double quotes enclose, "" is a quote. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

interface DirectoryFile {
  organisations: Array<Omit<OrganisationOrmEntity, 'municipalityNumber'> & { municipalityNumber?: string }>;
  units: UnitOrmEntity[];
  contactPersons: Array<Omit<ContactPersonOrmEntity, 'active'> & { active?: boolean }>;
  navCoverage: NavCoverageOrmEntity[];
}

@Injectable()
export class DirectoryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DirectoryService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly store: DirectoryStore,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly engine: RoutingEngine,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: RoutingServiceEnv,
  ) {}

  /** Seeds an empty directory from the fixture, then (re)publishes the recipient map. */
  async onApplicationBootstrap(): Promise<void> {
    await inTransaction(this.ds, async (manager, afterCommit) => {
      // One replica seeds; the others wait here and then find it seeded.
      await manager.query(`SELECT pg_advisory_xact_lock(2002)`);
      const seedFile = this.env.DIRECTORY_SEED_FILE;
      if (seedFile && seedFile !== 'none') {
        const added = await this.seed(manager, JSON.parse(readFileSync(seedFile, 'utf8')) as DirectoryFile);
        if (added > 0) {
          await this.store.bumpVersion(manager);
          this.logger.log(`directory: ${added} entries added from ${seedFile}`);
        }
      }
      await this.publishMap(manager, 'startup');
      afterCommit(() => this.relay.kick());
    });
  }

  /**
   * Adds the seed file's entries that the directory lacks and never overwrites one that exists, so
   * a coordinator's changes survive a restart and a newer demo directory still arrives.
   */
  private async seed(manager: EntityManager, file: DirectoryFile): Promise<number> {
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
    const organisations = file.organisations.map((o) => ({
      ...o,
      municipalityNumber: o.municipalityNumber ?? null,
    }));
    const contacts = file.contactPersons.map((c) => ({ ...c, active: c.active ?? true }));
    return (
      (await add(OrganisationOrmEntity, organisations)) +
      (await add(UnitOrmEntity, file.units)) +
      (await add(ContactPersonOrmEntity, contacts)) +
      (await add(NavCoverageOrmEntity, file.navCoverage))
    );
  }

  async publishMap(manager: EntityManager, correlationId: string): Promise<void> {
    const version = Math.max(1, await this.store.version(manager));
    const snapshot = await this.store.snapshot(manager);
    const entries = buildRecipientMap(snapshot, REFERRAL_TYPES);
    const institutions = snapshot.units
      .filter((u) => u.kind === 'institution-ward')
      .map((u) => ({ organisationNumber: u.organisationNumber, unitId: u.id }));
    await this.outbox.write<RecipientMapPublishedV1>(manager, {
      topic: RECIPIENT_MAP_PUBLISHED_V1,
      key: 'recipient-map',
      correlationId,
      payload: { version, entries, institutions, publishedAt: this.clock.now().toISOString() },
    });
  }

  async organisations() {
    const orgs = await this.ds.getRepository(OrganisationOrmEntity).find({ order: { name: 'ASC' } });
    const units = await this.ds.getRepository(UnitOrmEntity).find({ order: { id: 'ASC' } });
    return {
      items: orgs.map((o) => ({
        ...o,
        units: units
          .filter((u) => u.organisationNumber === o.organisationNumber)
          .map((u) => ({ id: u.id, name: u.name, kind: u.kind, receives: u.receives })),
      })),
    };
  }

  async unit(id: string) {
    const unit = await this.ds.getRepository(UnitOrmEntity).findOneBy({ id });
    if (!unit) throw new NotFoundError('DIRECTORY.UNIT_NOT_FOUND', `No unit ${id} in the directory.`);
    const contacts = await this.ds
      .getRepository(ContactPersonOrmEntity)
      .find({ where: { unitId: id }, order: { role: 'DESC' } });
    const today = osloDate(this.clock.now());
    const absences = await this.store.absencesOn(
      this.ds.manager,
      contacts.map((c) => c.id),
      today,
    );
    return {
      ...unit,
      contactPersons: contacts.map((c) => ({
        id: c.id,
        name: c.name,
        email: c.email,
        phone: c.phone,
        role: c.role,
        referralTypes: c.referralTypes,
        active: c.active,
        absentUntil: absences.find((a) => a.contactPersonId === c.id)?.to ?? null,
      })),
    };
  }

  /** A coordinator registers an absence for a contact person of their own organisation. */
  private mayManage(p: Principal, organisationNumber: string): boolean {
    return (
      p.roles.includes('hub-admin') ||
      (p.roles.includes('coordinator') && p.organisationNumber === organisationNumber)
    );
  }

  private refuse(what: string): DomainError {
    return new DomainError(
      'DIRECTORY.NOT_YOUR_ORGANISATION',
      `Only a coordinator of the organisation itself (or the hub's administrators) can ${what}.`,
      'forbidden',
    );
  }

  /**
   * Every directory change runs here: one change at a time, then a new recipient map for the
   * referral service and a new try for every referral that could not be routed.
   */
  private change<T>(
    correlationId: string,
    work: (manager: EntityManager, trace: Trace) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.ds, async (manager, afterCommit) => {
      await manager.query(`SELECT pg_advisory_xact_lock(2002)`);
      const trace: Trace = { correlationId, afterCommit };
      const result = await work(manager, trace);
      await this.store.bumpVersion(manager);
      await this.publishMap(manager, correlationId);
      await this.engine.retryUnroutable(manager, trace);
      afterCommit(() => this.relay.kick());
      return result;
    });
  }

  async createOrganisation(p: Principal, o: CreateOrganisationDto, correlationId: string) {
    if (!p.roles.includes('hub-admin')) throw this.refuse('add organisations');
    return this.change(correlationId, async (manager) => {
      if (await manager.findOneBy(OrganisationOrmEntity, { organisationNumber: o.organisationNumber })) {
        throw new DomainError(
          'DIRECTORY.EXISTS',
          `Organisation ${o.organisationNumber} is already in the directory.`,
          'conflict',
        );
      }
      await manager.insert(OrganisationOrmEntity, { ...o, municipalityNumber: o.municipalityNumber ?? null });
      return { organisationNumber: o.organisationNumber };
    });
  }

  async createUnit(p: Principal, u: CreateUnitDto, correlationId: string) {
    if (!this.mayManage(p, u.organisationNumber)) throw this.refuse('add units to it');
    return this.change(correlationId, async (manager) => {
      if (!(await manager.findOneBy(OrganisationOrmEntity, { organisationNumber: u.organisationNumber }))) {
        throw new DomainError(
          'DIRECTORY.UNKNOWN_ORGANISATION',
          `Organisation ${u.organisationNumber} is not in the directory.`,
          'unprocessable',
          {
            field: 'organisationNumber',
          },
        );
      }
      if (await manager.findOneBy(UnitOrmEntity, { id: u.id })) {
        throw new DomainError('DIRECTORY.EXISTS', `Unit ${u.id} is already in the directory.`, 'conflict', {
          field: 'id',
        });
      }
      await manager.insert(UnitOrmEntity, u);
      return { id: u.id };
    });
  }

  async updateUnit(p: Principal, id: string, u: UpdateUnitDto, correlationId: string) {
    return this.change(correlationId, async (manager) => {
      const unit = await manager.findOneBy(UnitOrmEntity, { id });
      if (!unit) throw new NotFoundError('DIRECTORY.UNIT_NOT_FOUND', `No unit ${id} in the directory.`);
      if (!this.mayManage(p, unit.organisationNumber)) throw this.refuse('change its units');
      await manager.update(UnitOrmEntity, { id }, u);
      return { ...unit, ...u };
    });
  }

  async createContactPerson(p: Principal, c: CreateContactPersonDto, correlationId: string) {
    return this.change(correlationId, async (manager) => {
      const unit = await manager.findOneBy(UnitOrmEntity, { id: c.unitId });
      if (!unit) {
        throw new DomainError(
          'DIRECTORY.UNKNOWN_UNIT',
          `Unit ${c.unitId} is not in the directory.`,
          'unprocessable',
          { field: 'unitId' },
        );
      }
      if (!this.mayManage(p, unit.organisationNumber)) throw this.refuse('add contact persons to it');
      if (await manager.findOneBy(ContactPersonOrmEntity, { id: c.id })) {
        throw new DomainError(
          'DIRECTORY.EXISTS',
          `Contact person ${c.id} is already in the directory.`,
          'conflict',
          { field: 'id' },
        );
      }
      await manager.insert(ContactPersonOrmEntity, { ...c, active: true });
      return { id: c.id };
    });
  }

  /** A person who leaves (active: false) hands every open referral to someone present, at once. */
  async updateContactPerson(p: Principal, id: string, c: UpdateContactPersonDto, correlationId: string) {
    return this.change(correlationId, async (manager, trace) => {
      const contact = await manager.findOneBy(ContactPersonOrmEntity, { id });
      const unit = contact && (await manager.findOneBy(UnitOrmEntity, { id: contact.unitId }));
      if (!contact || !unit)
        throw new NotFoundError('DIRECTORY.CONTACT_NOT_FOUND', `No contact person ${id} in the directory.`);
      if (!this.mayManage(p, unit.organisationNumber)) throw this.refuse('change its contact persons');
      await manager.update(ContactPersonOrmEntity, { id }, c);
      const moved =
        c.active === false
          ? await this.engine.relieve(
              manager,
              id,
              'ROUTING.HOLDER_LEFT',
              `${id} no longer works in unit ${unit.id}.`,
              trace,
            )
          : 0;
      return { id, ...c, referralsMoved: moved };
    });
  }

  async setNavCoverage(
    p: Principal,
    municipalityNumber: string,
    navOrganisationNumber: string,
    correlationId: string,
  ) {
    if (!isKnownKommunenummer(municipalityNumber)) {
      throw new DomainError(
        'DIRECTORY.UNKNOWN_MUNICIPALITY',
        `${municipalityNumber} is not a Norwegian kommunenummer.`,
        'invalid',
        {
          field: 'municipalityNumber',
        },
      );
    }
    return this.change(correlationId, async (manager) => {
      const municipality = await manager.findOneBy(OrganisationOrmEntity, {
        type: 'municipality',
        municipalityNumber,
      });
      if (
        !p.roles.includes('hub-admin') &&
        !(municipality && this.mayManage(p, municipality.organisationNumber))
      ) {
        throw this.refuse('choose its NAV office');
      }
      const nav = await manager.findOneBy(OrganisationOrmEntity, {
        organisationNumber: navOrganisationNumber,
        type: 'nav-office',
      });
      if (!nav) {
        throw new DomainError(
          'DIRECTORY.UNKNOWN_NAV_OFFICE',
          `${navOrganisationNumber} is not a NAV office in the directory.`,
          'unprocessable',
          {
            field: 'navOrganisationNumber',
          },
        );
      }
      await manager.save(NavCoverageOrmEntity, { municipalityNumber, navOrganisationNumber });
      return { municipalityNumber, navOrganisationNumber };
    });
  }

  /** The whole directory as JSON (the import format): the hub sees everything, a coordinator their own. */
  async exportJson(p: Principal) {
    const all = p.roles.includes('hub-admin');
    const organisations = await this.ds
      .getRepository(OrganisationOrmEntity)
      .find({ order: { organisationNumber: 'ASC' } });
    const mine = (org: string) => all || org === p.organisationNumber;
    const units = (await this.ds.getRepository(UnitOrmEntity).find({ order: { id: 'ASC' } })).filter((u) =>
      mine(u.organisationNumber),
    );
    const unitIds = new Set(units.map((u) => u.id));
    const contactPersons = (
      await this.ds.getRepository(ContactPersonOrmEntity).find({ order: { id: 'ASC' } })
    ).filter((c) => unitIds.has(c.unitId));
    const navCoverage = await this.ds
      .getRepository(NavCoverageOrmEntity)
      .find({ order: { municipalityNumber: 'ASC' } });
    return {
      organisations: organisations
        .filter((o) => all || o.organisationNumber === p.organisationNumber)
        .map((o) => ({ ...o, municipalityNumber: o.municipalityNumber ?? undefined })),
      units,
      contactPersons: contactPersons.map(({ active: _active, ...c }) => c),
      navCoverage: all
        ? navCoverage
        : navCoverage.filter((n) =>
            organisations.some(
              (o) => o.municipalityNumber === n.municipalityNumber && mine(o.organisationNumber),
            ),
          ),
    };
  }

  /** Contact persons as CSV, for a spreadsheet. */
  async exportCsv(p: Principal): Promise<string> {
    const { contactPersons, units } = await this.exportJson(p);
    const orgOf = new Map(units.map((u) => [u.id, u.organisationNumber]));
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const rows = contactPersons.map((c) =>
      [c.id, orgOf.get(c.unitId) ?? '', c.unitId, c.name, c.email, c.phone, c.role, c.referralTypes.join(' ')]
        .map(quote)
        .join(','),
    );
    return [CSV_HEADER, ...rows].join('\n') + '\n';
  }

  /** Adds or updates what the file names; never deletes. Hub administrators only. */
  async import(p: Principal, file: ImportDirectoryDto, correlationId: string) {
    if (!p.roles.includes('hub-admin')) throw this.refuse('import a directory');
    return this.change(correlationId, async (manager) => {
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
      const organisations = (file.organisations ?? []).map((o) => ({
        ...o,
        municipalityNumber: o.municipalityNumber ?? null,
      }));
      return {
        organisations: await upsert(
          OrganisationOrmEntity,
          organisations,
          ['organisation_number'],
          ['name', 'type', 'municipality_number'],
        ),
        units: await upsert(
          UnitOrmEntity,
          file.units ?? [],
          ['id'],
          ['organisation_number', 'name', 'kind', 'receives', 'mode'],
        ),
        contactPersons: await upsert(
          ContactPersonOrmEntity,
          (file.contactPersons ?? []).map((c) => ({ ...c, active: true })),
          ['id'],
          ['unit_id', 'name', 'email', 'phone', 'role', 'referral_types', 'active'],
        ),
        navCoverage: await upsert(
          NavCoverageOrmEntity,
          file.navCoverage ?? [],
          ['municipality_number'],
          ['nav_organisation_number'],
        ),
      };
    });
  }

  /**
   * Contact persons from CSV (the export's columns). Every row is checked before anything is
   * written; a bad row refuses the whole file, naming the row and the field.
   */
  async importCsv(p: Principal, csv: unknown, correlationId: string) {
    if (typeof csv !== 'string' || csv.trim() === '') {
      throw new DomainError(
        'DIRECTORY.CSV_EMPTY',
        'Send the contact persons as text/csv with a header line.',
        'invalid',
        { field: 'body' },
      );
    }
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    if (header.trim() !== CSV_HEADER) {
      throw new DomainError('DIRECTORY.CSV_HEADER', `The first line must be: ${CSV_HEADER}`, 'invalid', {
        field: 'header',
      });
    }
    const rows: CreateContactPersonDto[] = [];
    for (const [n, line] of lines.entries()) {
      const cells = parseCsvLine(line);
      const dto = plainToInstance(CreateContactPersonDto, {
        id: cells[0],
        unitId: cells[2],
        name: cells[3],
        email: cells[4],
        phone: cells[5],
        role: cells[6],
        referralTypes: (cells[7] ?? '').split(' ').filter(Boolean),
      });
      const errors = await validate(dto);
      if (errors.length > 0) {
        const e = errors[0];
        throw new DomainError(
          'DIRECTORY.CSV_ROW',
          `Row ${n + 2}: ${Object.values(e.constraints ?? {})[0] ?? `${e.property} is not valid`}.`,
          'invalid',
          {
            field: e.property,
            row: n + 2,
          },
        );
      }
      rows.push(dto);
    }
    return this.change(correlationId, async (manager) => {
      for (const row of rows) {
        const unit = await manager.findOneBy(UnitOrmEntity, { id: row.unitId });
        if (!unit) {
          throw new DomainError(
            'DIRECTORY.UNKNOWN_UNIT',
            `Unit ${row.unitId} is not in the directory.`,
            'unprocessable',
            { field: 'unit_id' },
          );
        }
        if (!this.mayManage(p, unit.organisationNumber)) throw this.refuse('import contact persons into it');
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(ContactPersonOrmEntity)
        .values(rows.map((r) => ({ ...r, active: true })))
        .orUpdate(['unit_id', 'name', 'email', 'phone', 'role', 'referral_types', 'active'], ['id'])
        .execute();
      return { contactPersons: rows.length };
    });
  }

  /**
   * A coordinator registers an absence for a contact person of their own organisation. If it has
   * begun, their open referrals move to the backup at once.
   */
  async registerAbsence(
    p: Principal,
    contactPersonId: string,
    a: { from: string; to: string; reason: string },
    correlationId = 'absence',
  ) {
    if (a.to < a.from) {
      throw new DomainError('DIRECTORY.DATES_IN_WRONG_ORDER', 'to must be on or after from.', 'invalid', {
        field: 'to',
      });
    }
    return inTransaction(this.ds, async (manager, afterCommit) => {
      const contact = await manager.findOneBy(ContactPersonOrmEntity, { id: contactPersonId });
      const unit = contact && (await manager.findOneBy(UnitOrmEntity, { id: contact.unitId }));
      if (!contact || !unit) {
        throw new NotFoundError(
          'DIRECTORY.CONTACT_NOT_FOUND',
          `No contact person ${contactPersonId} in the directory.`,
        );
      }
      if (!this.mayManage(p, unit.organisationNumber)) throw this.refuse('register their absence');
      const saved = await manager.save(AbsenceOrmEntity, {
        id: randomUUID(),
        contactPersonId,
        fromDate: a.from,
        toDate: a.to,
        reason: a.reason,
        registeredBy: p.userId,
      });
      const today = osloDate(this.clock.now());
      const moved =
        a.from <= today && today <= a.to
          ? await this.engine.relieve(
              manager,
              contactPersonId,
              'ROUTING.HOLDER_ABSENT',
              `${contactPersonId} is absent until ${a.to}.`,
              {
                correlationId,
                afterCommit,
              },
            )
          : 0;
      return {
        id: saved.id,
        contactPersonId,
        from: a.from,
        to: a.to,
        reason: a.reason,
        referralsMoved: moved,
      };
    });
  }
}
