import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { Clock, CLOCK, NotFoundError, osloDate } from '@overgang/core';
import { AccessRecordPublisher } from '@overgang/messaging';
import { DirectoryRepository } from '../../infrastructure/directory.repository';

/** What the directory shows: organisations with their units, and a unit with who is away today. */
@Injectable()
export class DirectoryQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly repository: DirectoryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessRecordPublisher,
  ) {}

  async organisations() {
    const orgs = await this.repository.organisations(this.ds.manager, 'name');
    const units = await this.repository.units(this.ds.manager);
    return {
      items: orgs.map((o) => ({
        ...o,
        units: units
          .filter((u) => u.organisationNumber === o.organisationNumber)
          .map((u) => ({ id: u.id, name: u.name, kind: u.kind, receives: u.receives })),
      })),
    };
  }

  /** A unit with its staff's names, e-mails and phone numbers: the read is logged. */
  async unit(id: string, reader: Principal, correlationId: string) {
    const manager = this.ds.manager;
    const unit = await this.repository.unit(manager, id);
    if (!unit) throw new NotFoundError('DIRECTORY.UNIT_NOT_FOUND', `No unit ${id} in the directory.`);
    const contacts = await this.repository.contactPersonsOfUnit(manager, id);
    await this.access.publish({
      reader,
      action: 'read-directory-unit',
      objectType: 'directory-unit',
      objectId: id,
      parties: [unit.organisationNumber],
      correlationId,
    });
    const today = osloDate(this.clock.now());
    const absences = await this.repository.absencesOn(
      manager,
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
}
