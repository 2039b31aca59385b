import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryView, directoryView, OrganisationDirectory } from '@overgang/auth';
import { OrganisationOrmEntity, UnitOrmEntity } from './directory.orm-entity';

/** The routing service checks its callers against its own directory tables. */
@Injectable()
export class RoutingOrganisationDirectory implements OrganisationDirectory {
  constructor(private readonly ds: DataSource) {}

  async load(): Promise<DirectoryView> {
    const organisations = await this.ds.manager.find(OrganisationOrmEntity, {
      select: { organisationNumber: true, type: true },
    });
    const units = await this.ds.manager.find(UnitOrmEntity, {
      select: { id: true, organisationNumber: true },
    });
    return directoryView(organisations, units);
  }
}
