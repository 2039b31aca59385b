import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@overgang/core';
import { mayManage, notYourOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DIRECTORY_CHANGE_LISTENER, DirectoryChangeListener } from '../directory-change.listener';
import { DirectoryChanges } from '../directory-changes';
import { UpdateContactPersonCommand } from './update-contact-person.command';

/** A coordinator changes a contact person. One who leaves hands every open referral to someone present, at once. */
@Injectable()
export class UpdateContactPersonHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
    @Inject(DIRECTORY_CHANGE_LISTENER) private readonly listener: DirectoryChangeListener,
  ) {}

  async execute({ contactPersonId: id, changes, actor, correlationId }: UpdateContactPersonCommand) {
    return this.changes.run(correlationId, async (tx) => {
      const contact = await this.repository.contactPerson(tx.manager, id);
      const unit = contact && (await this.repository.unit(tx.manager, contact.unitId));
      if (!contact || !unit)
        throw new NotFoundError('DIRECTORY.CONTACT_NOT_FOUND', `No contact person ${id} in the directory.`);
      if (!mayManage(actor, unit.organisationNumber)) throw notYourOrganisation('change its contact persons');
      await this.repository.changeContactPerson(tx.manager, id, changes);
      const moved =
        changes.active === false
          ? await this.listener.holderUnavailable({ kind: 'left', contactPersonId: id, unitId: unit.id }, tx)
          : 0;
      return { id, ...changes, referralsMoved: moved };
    });
  }
}
