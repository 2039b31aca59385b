import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DirectorySnapshot, UnitStaffing } from '../domain/directory';
import { DirectoryRepository } from '../infrastructure/directory.repository';

/**
 * What other areas (routing) may read of the directory, in the directory's plain shapes. Every
 * read runs on the caller's manager, so a read inside a transaction never takes a second
 * connection.
 */
@Injectable()
export class DirectoryReader {
  constructor(private readonly repository: DirectoryRepository) {}

  /** The part of the directory that routing in one municipality needs. */
  snapshotFor(manager: EntityManager, municipalityNumber: string): Promise<DirectorySnapshot> {
    return this.repository.snapshotFor(manager, municipalityNumber);
  }

  /** A unit's mode, its contact persons and their absences on the given day. */
  async staffing(manager: EntityManager, unitId: string, date: string): Promise<UnitStaffing> {
    const mode = await this.repository.unitMode(manager, unitId);
    const contacts = await this.repository.contactsOf(manager, [unitId]);
    const absences = await this.repository.absencesOn(
      manager,
      contacts.map((c) => c.id),
      date,
    );
    return { mode, contacts, absences };
  }

  /** Whether the organisation is the hub itself (its coordinators see every referral's routing). */
  async isHub(manager: EntityManager, organisationNumber: string): Promise<boolean> {
    return (await this.repository.organisation(manager, organisationNumber))?.type === 'hub';
  }
}
