import { Inject, Injectable } from '@nestjs/common';
import { ORGANISATION_DIRECTORY, OrganisationDirectory } from '@overgang/auth';

/** Whether a caller belongs to the hub's own organisation (of type hub in the directory). */
@Injectable()
export class HubMembership {
  constructor(@Inject(ORGANISATION_DIRECTORY) private readonly directory: OrganisationDirectory) {}

  async includes(organisationNumber: string): Promise<boolean> {
    return (await this.directory.load())?.organisationType(organisationNumber) === 'hub';
  }
}
