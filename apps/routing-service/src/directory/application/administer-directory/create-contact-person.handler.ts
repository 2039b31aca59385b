import { Injectable } from '@nestjs/common';
import { DomainError } from '@overgang/core';
import { mayManage, notYourOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DirectoryChanges } from '../directory-changes';
import { CreateContactPersonCommand } from './create-contact-person.command';

/** A coordinator adds a contact person to one of their units. */
@Injectable()
export class CreateContactPersonHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
  ) {}

  async execute({ contactPerson: c, actor, correlationId }: CreateContactPersonCommand) {
    return this.changes.run(correlationId, async ({ manager }) => {
      const unit = await this.repository.unit(manager, c.unitId);
      if (!unit) {
        throw new DomainError(
          'DIRECTORY.UNKNOWN_UNIT',
          `Unit ${c.unitId} is not in the directory.`,
          'unprocessable',
          { field: 'unitId' },
        );
      }
      if (!mayManage(actor, unit.organisationNumber)) throw notYourOrganisation('add contact persons to it');
      if (await this.repository.contactPerson(manager, c.id)) {
        throw new DomainError(
          'DIRECTORY.EXISTS',
          `Contact person ${c.id} is already in the directory.`,
          'conflict',
          { field: 'id' },
        );
      }
      await this.repository.addContactPerson(manager, { ...c, active: true });
      return { id: c.id };
    });
  }
}
