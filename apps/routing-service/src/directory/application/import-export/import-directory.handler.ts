import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@overgang/auth';
import { DomainError } from '@overgang/core';
import { ImportRow, isHubAdmin, rowOutsideOrganisation } from '../../domain/directory-access';
import { DirectoryEntries, Organisation } from '../../domain/directory';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DirectoryChanges } from '../directory-changes';
import { ImportDirectoryCommand } from './import-directory.command';

/**
 * Adds or updates what the file names; never deletes. The hub's administrators import anything; a
 * coordinator only rows of their own organisation (its units, their contact persons, the NAV
 * office serving its municipality) and may not change the organisation itself. One row outside
 * refuses the whole file: nothing is stored and no new recipient map is published.
 */
@Injectable()
export class ImportDirectoryHandler {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly repository: DirectoryRepository,
  ) {}

  async execute(cmd: ImportDirectoryCommand) {
    const entries: DirectoryEntries = {
      organisations: (cmd.organisations ?? []).map((o) => ({
        ...o,
        municipalityNumber: o.municipalityNumber ?? null,
      })),
      units: cmd.units ?? [],
      contactPersons: (cmd.contactPersons ?? []).map((c) => ({ ...c, active: true })),
      navCoverage: cmd.navCoverage ?? [],
    };
    return this.changes.run(cmd.correlationId, async ({ manager }) => {
      if (!isHubAdmin(cmd.actor)) await this.checkScope(manager, cmd.actor, entries);
      return this.repository.upsert(manager, entries);
    });
  }

  private async checkScope(manager: EntityManager, actor: Principal, e: DirectoryEntries): Promise<void> {
    const organisations = new Map(
      (
        await this.repository.organisationsByNumbers(
          manager,
          e.organisations.map((o) => o.organisationNumber),
        )
      ).map((o) => [o.organisationNumber, o]),
    );
    const changed = e.organisations.findIndex(
      (o) => !sameOrganisation(o, organisations.get(o.organisationNumber)),
    );
    if (changed >= 0) {
      throw new DomainError(
        'DIRECTORY.ROW_NOT_YOUR_ORGANISATION',
        `organisations[${changed}]: bare hubens administratorer kan legge til eller endre en organisasjon. Ingenting er importert.`,
        'forbidden',
        { row: `organisations[${changed}]`, id: e.organisations[changed].organisationNumber },
      );
    }
    const contactsNow = await this.repository.contactPersonsByIds(
      manager,
      e.contactPersons.map((c) => c.id),
    );
    const unitsNow = new Map(
      (
        await this.repository.unitsByIds(manager, [
          ...e.units.map((u) => u.id),
          ...e.contactPersons.map((c) => c.unitId),
          ...contactsNow.map((c) => c.unitId),
        ])
      ).map((u) => [u.id, u.organisationNumber]),
    );
    const contactUnitNow = new Map(contactsNow.map((c) => [c.id, c.unitId]));
    // A contact person may go to a unit the same file adds.
    const unitAfter = new Map([...unitsNow, ...e.units.map((u) => [u.id, u.organisationNumber] as const)]);
    const municipalities = await Promise.all(
      e.navCoverage.map((n) => this.repository.municipality(manager, n.municipalityNumber)),
    );
    const rows: ImportRow[] = [
      ...e.organisations.map((o, i) => ({
        row: `organisations[${i}]`,
        kind: 'organisation' as const,
        id: o.organisationNumber,
        touches: [o.organisationNumber],
      })),
      ...e.units.map((u, i) => ({
        row: `units[${i}]`,
        kind: 'unit' as const,
        id: u.id,
        touches: [u.organisationNumber, ...(unitsNow.has(u.id) ? [unitsNow.get(u.id)!] : [])],
      })),
      ...e.contactPersons.map((c, i) => {
        const from = contactUnitNow.get(c.id);
        return {
          row: `contactPersons[${i}]`,
          kind: 'contact-person' as const,
          id: c.id,
          touches: [unitAfter.get(c.unitId) ?? null, ...(from ? [unitsNow.get(from) ?? null] : [])],
        };
      }),
      ...e.navCoverage.map((n, i) => ({
        row: `navCoverage[${i}]`,
        kind: 'nav-coverage' as const,
        id: n.municipalityNumber,
        touches: [municipalities[i]?.organisationNumber ?? null],
      })),
    ];
    const refusal = rowOutsideOrganisation(actor, rows);
    if (refusal) throw refusal;
    for (const [i, n] of e.navCoverage.entries()) {
      if (!(await this.repository.navOffice(manager, n.navOrganisationNumber))) {
        throw new DomainError(
          'DIRECTORY.UNKNOWN_NAV_OFFICE',
          `navCoverage[${i}]: ${n.navOrganisationNumber} is not a NAV office in the directory.`,
          'unprocessable',
          { field: `navCoverage[${i}].navOrganisationNumber` },
        );
      }
    }
  }
}

/** An organisation row that changes nothing: a coordinator's export sent back as it was. */
function sameOrganisation(row: Organisation, stored: Organisation | undefined): boolean {
  return (
    !!stored &&
    row.name === stored.name &&
    row.type === stored.type &&
    (row.municipalityNumber ?? null) === (stored.municipalityNumber ?? null)
  );
}
