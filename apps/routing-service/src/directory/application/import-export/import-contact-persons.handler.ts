import { Injectable } from '@nestjs/common';
import { DomainError } from '@overgang/core';
import { mayManage, notYourOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DirectoryChanges } from '../directory-changes';
import { ImportContactPersonsCommand } from './import-contact-persons.command';

/** Adds or updates contact persons; a coordinator only into their own units, and all or none. */
@Injectable()
export class ImportContactPersonsHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
  ) {}

  async execute({ contactPersons, actor, correlationId }: ImportContactPersonsCommand) {
    return this.changes.run(correlationId, async ({ manager }) => {
      for (const row of contactPersons) {
        const unit = await this.repository.unit(manager, row.unitId);
        if (!unit) {
          throw new DomainError(
            'DIRECTORY.UNKNOWN_UNIT',
            `Unit ${row.unitId} is not in the directory.`,
            'unprocessable',
            { field: 'unit_id' },
          );
        }
        if (!mayManage(actor, unit.organisationNumber)) {
          throw notYourOrganisation('import contact persons into it');
        }
      }
      await this.repository.upsertContactPersons(
        manager,
        contactPersons.map((r) => ({ ...r, active: true })),
      );
      return { contactPersons: contactPersons.length };
    });
  }
}
