import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { isHubAdmin } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { writeContactPersonsCsv } from './contact-persons.csv';

/** The directory in its import format: the hub sees everything, a coordinator their own organisation. */
@Injectable()
export class ExportDirectoryQuery {
  constructor(
    private readonly ds: DataSource,
    private readonly repository: DirectoryRepository,
  ) {}

  async json(actor: Principal) {
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

  /** Contact persons as CSV, for a spreadsheet. */
  async csv(actor: Principal): Promise<string> {
    const { contactPersons, units } = await this.json(actor);
    return writeContactPersonsCsv(contactPersons, units);
  }
}
