import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@overgang/core';
import { mayManage, notYourOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DirectoryChanges } from '../directory-changes';
import { UpdateUnitCommand } from './update-unit.command';

/** A coordinator changes one of their units: name, referral types received, mode. */
@Injectable()
export class UpdateUnitHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
  ) {}

  async execute({ unitId: id, changes, actor, correlationId }: UpdateUnitCommand) {
    return this.changes.run(correlationId, async ({ manager }) => {
      const unit = await this.repository.unit(manager, id);
      if (!unit) throw new NotFoundError('DIRECTORY.UNIT_NOT_FOUND', `No unit ${id} in the directory.`);
      if (!mayManage(actor, unit.organisationNumber)) throw notYourOrganisation('change its units');
      await this.repository.changeUnit(manager, id, changes);
      return { ...unit, ...changes };
    });
  }
}
