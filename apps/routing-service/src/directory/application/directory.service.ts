import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RECIPIENT_MAP_PUBLISHED_V1, RecipientMapPublishedV1, REFERRAL_TYPES } from '@overgang/contracts';
import { Principal } from '@overgang/auth';
import { Clock, DomainError, NotFoundError, osloDate } from '@overgang/core';
import { OutboxRelay, OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { SERVICE_ENV } from '@overgang/config';
import { RoutingServiceEnv } from '../../config/env.schema';
import { CLOCK } from '../../clock.provider';
import { buildRecipientMap } from '../domain/directory';
import {
  AbsenceOrmEntity,
  ContactPersonOrmEntity,
  NavCoverageOrmEntity,
  OrganisationOrmEntity,
  UnitOrmEntity,
} from '../infrastructure/directory.orm-entity';
import { DirectoryStore } from './directory.store';

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
  async registerAbsence(
    p: Principal,
    contactPersonId: string,
    a: { from: string; to: string; reason: string },
  ) {
    if (a.to < a.from) {
      throw new DomainError('DIRECTORY.DATES_IN_WRONG_ORDER', 'to must be on or after from.', 'invalid', {
        field: 'to',
      });
    }
    return inTransaction(this.ds, async (manager) => {
      const contact = await manager.findOneBy(ContactPersonOrmEntity, { id: contactPersonId });
      const unit = contact && (await manager.findOneBy(UnitOrmEntity, { id: contact.unitId }));
      if (!contact || !unit) {
        throw new NotFoundError(
          'DIRECTORY.CONTACT_NOT_FOUND',
          `No contact person ${contactPersonId} in the directory.`,
        );
      }
      const own = unit.organisationNumber === p.organisationNumber && p.roles.includes('coordinator');
      if (!own && !p.roles.includes('hub-admin')) {
        throw new DomainError(
          'DIRECTORY.NOT_YOUR_ORGANISATION',
          'Only a coordinator of the contact person’s own organisation can register their absence.',
          'forbidden',
        );
      }
      const saved = await manager.save(AbsenceOrmEntity, {
        id: randomUUID(),
        contactPersonId,
        fromDate: a.from,
        toDate: a.to,
        reason: a.reason,
        registeredBy: p.userId,
      });
      return { id: saved.id, contactPersonId, from: a.from, to: a.to, reason: a.reason };
    });
  }
}
