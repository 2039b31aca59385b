import { Injectable } from '@nestjs/common';
import { DomainError } from '@overgang/core';
import { rowOutsideOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DirectoryChanges } from '../directory-changes';
import { ImportContactPersonsCommand } from './import-contact-persons.command';

/**
 * Adds or updates contact persons; a coordinator only in their own units, and all or none. A row
 * naming an existing contact person checks the unit they are in now as well as the unit they
 * would move to, so no one can pull another organisation's contact person into their own unit.
 */
@Injectable()
export class ImportContactPersonsHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
  ) {}

  async execute({ contactPersons, actor, correlationId }: ImportContactPersonsCommand) {
    return this.changes.run(correlationId, async ({ manager }) => {
      const existing = new Map(
        (
          await this.repository.contactPersonsByIds(
            manager,
            contactPersons.map((c) => c.id),
          )
        ).map((c) => [c.id, c]),
      );
      const units = new Map(
        (
          await this.repository.unitsByIds(manager, [
            ...contactPersons.map((c) => c.unitId),
            ...[...existing.values()].map((c) => c.unitId),
          ])
        ).map((u) => [u.id, u]),
      );
      const unknown = contactPersons.find((c) => !units.has(c.unitId));
      if (unknown) {
        throw new DomainError(
          'DIRECTORY.UNKNOWN_UNIT',
          `Row ${unknown.row}: unit ${unknown.unitId} is not in the directory.`,
          'unprocessable',
          { field: 'unit_id', row: unknown.row },
        );
      }
      const refusal = rowOutsideOrganisation(
        actor,
        contactPersons.map((c) => {
          const now = existing.get(c.id);
          return {
            row: c.row,
            kind: 'contact-person' as const,
            id: c.id,
            touches: [
              units.get(c.unitId)!.organisationNumber,
              ...(now ? [units.get(now.unitId)?.organisationNumber ?? null] : []),
            ],
          };
        }),
      );
      if (refusal) throw refusal;
      await this.repository.upsertContactPersons(
        manager,
        contactPersons.map(({ row: _row, ...c }) => ({ ...c, active: true })),
      );
      return { contactPersons: contactPersons.length };
    });
  }
}
