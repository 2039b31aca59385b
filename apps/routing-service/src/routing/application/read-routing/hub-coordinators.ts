import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@overgang/auth';
import { DirectoryReader } from '../../../directory/application/directory-reader';

/** The hub's administrators, and the coordinators of the organisation of type hub in the directory. */
@Injectable()
export class HubCoordinators {
  constructor(private readonly directory: DirectoryReader) {}

  async includes(manager: EntityManager, p: Principal): Promise<boolean> {
    if (p.roles.includes('hub-admin')) return true;
    if (!p.roles.includes('coordinator')) return false;
    return this.directory.isHub(manager, p.organisationNumber);
  }
}
