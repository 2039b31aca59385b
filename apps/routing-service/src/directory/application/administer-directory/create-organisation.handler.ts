import { Injectable } from '@nestjs/common';
import { DomainError } from '@overgang/core';
import { isHubAdmin, notYourOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DirectoryChanges } from '../directory-changes';
import { CreateOrganisationCommand } from './create-organisation.command';

/** Hub administrators add organisations. */
@Injectable()
export class CreateOrganisationHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
  ) {}

  async execute({ organisation: o, actor, correlationId }: CreateOrganisationCommand) {
    if (!isHubAdmin(actor)) throw notYourOrganisation('add organisations');
    return this.changes.run(correlationId, async ({ manager }) => {
      if (await this.repository.organisation(manager, o.organisationNumber)) {
        throw new DomainError(
          'DIRECTORY.EXISTS',
          `Organisation ${o.organisationNumber} is already in the directory.`,
          'conflict',
        );
      }
      await this.repository.addOrganisation(manager, {
        ...o,
        municipalityNumber: o.municipalityNumber ?? null,
      });
      return { organisationNumber: o.organisationNumber };
    });
  }
}
