import { Injectable } from '@nestjs/common';
import { DomainError } from '@overgang/core';
import { isKnownKommunenummer } from '@overgang/norway';
import { isHubAdmin, mayManage, notYourOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DirectoryChanges } from '../directory-changes';
import { SetNavCoverageCommand } from './set-nav-coverage.command';

/** Which NAV office serves a municipality: the hub, or the municipality's own coordinator, decides. */
@Injectable()
export class SetNavCoverageHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
  ) {}

  async execute({ municipalityNumber, navOrganisationNumber, actor, correlationId }: SetNavCoverageCommand) {
    if (!isKnownKommunenummer(municipalityNumber)) {
      throw new DomainError(
        'DIRECTORY.UNKNOWN_MUNICIPALITY',
        `${municipalityNumber} is not a Norwegian kommunenummer.`,
        'invalid',
        { field: 'municipalityNumber' },
      );
    }
    return this.changes.run(correlationId, async ({ manager }) => {
      const municipality = await this.repository.municipality(manager, municipalityNumber);
      if (!isHubAdmin(actor) && !(municipality && mayManage(actor, municipality.organisationNumber))) {
        throw notYourOrganisation('choose its NAV office');
      }
      if (!(await this.repository.navOffice(manager, navOrganisationNumber))) {
        throw new DomainError(
          'DIRECTORY.UNKNOWN_NAV_OFFICE',
          `${navOrganisationNumber} is not a NAV office in the directory.`,
          'unprocessable',
          { field: 'navOrganisationNumber' },
        );
      }
      await this.repository.setNavCoverage(manager, { municipalityNumber, navOrganisationNumber });
      return { municipalityNumber, navOrganisationNumber };
    });
  }
}
