import { Injectable } from '@nestjs/common';
import { isHubAdmin, notYourOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DirectoryChanges } from '../directory-changes';
import { ImportDirectoryCommand } from './import-directory.command';

/** Adds or updates what the file names; never deletes. Hub administrators only. */
@Injectable()
export class ImportDirectoryHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
  ) {}

  async execute(cmd: ImportDirectoryCommand) {
    if (!isHubAdmin(cmd.actor)) throw notYourOrganisation('import a directory');
    return this.changes.run(cmd.correlationId, ({ manager }) =>
      this.repository.upsert(manager, {
        organisations: (cmd.organisations ?? []).map((o) => ({
          ...o,
          municipalityNumber: o.municipalityNumber ?? null,
        })),
        units: cmd.units ?? [],
        contactPersons: (cmd.contactPersons ?? []).map((c) => ({ ...c, active: true })),
        navCoverage: cmd.navCoverage ?? [],
      }),
    );
  }
}
