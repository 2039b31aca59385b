import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { AccessRecordPublisher } from '@overgang/messaging';
import { isHubAdmin } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { writeContactPersonsCsv } from './contact-persons.csv';

/** The directory in its import format: the hub sees everything, a coordinator their own organisation. */
@Injectable()
export class ExportDirectoryQuery {
  constructor(
    private readonly ds: DataSource,
    private readonly repository: DirectoryRepository,
    private readonly access: AccessRecordPublisher,
  ) {}

  /** The export names staff (names, e-mails, phone numbers): logged before it is answered. */
  async json(actor: Principal, correlationId: string) {
    const exported = await this.collect(actor);
    await this.logged(actor, 'export-directory', exported.units, correlationId);
    return exported;
  }

  /** Contact persons as CSV, for a spreadsheet; logged like the JSON export. */
  async csv(actor: Principal, correlationId: string): Promise<string> {
    const { contactPersons, units } = await this.collect(actor);
    await this.logged(actor, 'export-directory-csv', units, correlationId);
    return writeContactPersonsCsv(contactPersons, units);
  }

  private logged(
    actor: Principal,
    action: string,
    units: ReadonlyArray<{ organisationNumber: string }>,
    correlationId: string,
  ): Promise<void> {
    return this.access.publish({
      reader: actor,
      purpose: 'export',
      action,
      objectType: 'directory-export',
      objectId: isHubAdmin(actor) ? 'all' : actor.organisationNumber,
      // Whose staff the export names: their security officers see it.
      parties: units.map((u) => u.organisationNumber),
      correlationId,
    });
  }

  private async collect(actor: Principal) {
    const manager = this.ds.manager;
    const all = isHubAdmin(actor);
    const organisations = await this.repository.organisations(manager, 'organisationNumber');
    const mine = (org: string) => all || org === actor.organisationNumber;
    const units = (await this.repository.units(manager)).filter((u) => mine(u.organisationNumber));
    const unitIds = new Set(units.map((u) => u.id));
    const contactPersons = (await this.repository.contactPersons(manager)).filter((c) =>
      unitIds.has(c.unitId),
    );
    const navCoverage = await this.repository.navCoverage(manager);
    return {
      organisations: organisations
        .filter((o) => all || o.organisationNumber === actor.organisationNumber)
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
}
