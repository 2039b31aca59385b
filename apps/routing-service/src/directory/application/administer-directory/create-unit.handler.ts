import { Injectable } from '@nestjs/common';
import { DomainError } from '@overgang/core';
import { mayManage, notYourOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DirectoryChanges } from '../directory-changes';
import { CreateUnitCommand } from './create-unit.command';

/** A coordinator adds a unit to their own organisation. */
@Injectable()
export class CreateUnitHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
  ) {}

  async execute({ unit: u, actor, correlationId }: CreateUnitCommand) {
    if (!mayManage(actor, u.organisationNumber)) throw notYourOrganisation('add units to it');
    return this.changes.run(correlationId, async ({ manager }) => {
      if (!(await this.repository.organisation(manager, u.organisationNumber))) {
        throw new DomainError(
          'DIRECTORY.UNKNOWN_ORGANISATION',
          `Organisation ${u.organisationNumber} is not in the directory.`,
          'unprocessable',
          { field: 'organisationNumber' },
        );
      }
      if (await this.repository.unit(manager, u.id)) {
        throw new DomainError('DIRECTORY.EXISTS', `Unit ${u.id} is already in the directory.`, 'conflict', {
          field: 'id',
        });
      }
      await this.repository.addUnit(manager, u);
      return { id: u.id };
    });
  }
}
