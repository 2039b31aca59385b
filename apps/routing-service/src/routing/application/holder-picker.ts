import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReferralType } from '@overgang/contracts';
import { osloDate } from '@overgang/core';
import { UnitMode } from '../../directory/domain/directory';
import { DirectoryReader } from '../../directory/application/directory-reader';
import { AssignmentRepository } from '../infrastructure/assignment.repository';
import { Holder, pickHolder } from '../domain/pick-holder';

/** Reads a unit's people, their absences today and their open load, and lets the rules pick the holder. */
@Injectable()
export class HolderPicker {
  constructor(
    private readonly directory: DirectoryReader,
    private readonly assignments: AssignmentRepository,
  ) {}

  async pick(
    manager: EntityManager,
    unitId: string,
    type: ReferralType,
    now: Date,
    exclude: readonly string[] = [],
  ): Promise<{ holder: Holder; mode: UnitMode }> {
    const today = osloDate(now);
    const { mode, contacts, absences } = await this.directory.staffing(manager, unitId, today);
    const openLoad = await this.assignments.openLoad(
      manager,
      contacts.map((c) => c.id),
    );
    return { holder: pickHolder(unitId, type, contacts, absences, today, { mode, openLoad, exclude }), mode };
  }
}
