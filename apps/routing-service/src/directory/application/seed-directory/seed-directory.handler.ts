import { readFileSync } from 'fs';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SERVICE_ENV } from '@overgang/config';
import { inTransaction } from '@overgang/persistence';
import { RoutingServiceEnv } from '../../../config/env.schema';
import { ContactPersonRecord, DirectoryEntries, Organisation } from '../../domain/directory';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { PublishRecipientMapHandler } from '../publish-recipient-map/publish-recipient-map.handler';

/** The seed file: the import format, where municipalityNumber and active may be left out. */
interface SeedFile extends Omit<DirectoryEntries, 'organisations' | 'contactPersons'> {
  organisations: Array<Omit<Organisation, 'municipalityNumber'> & { municipalityNumber?: string }>;
  contactPersons: Array<Omit<ContactPersonRecord, 'active'> & { active?: boolean }>;
}

/**
 * Seeds an empty directory from the fixture at start-up (never in production), adds the hub's own
 * organisation when configured, then (re)publishes the recipient map.
 */
@Injectable()
export class SeedDirectoryHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedDirectoryHandler.name);

  constructor(
    private readonly ds: DataSource,
    private readonly repository: DirectoryRepository,
    private readonly publishMap: PublishRecipientMapHandler,
    @Inject(SERVICE_ENV) private readonly env: RoutingServiceEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await inTransaction(this.ds, async (manager) => {
      // One replica seeds; the others wait here and then find it seeded.
      await this.repository.lock(manager);
      await this.addHubOrganisation(manager);
      const seedFile = this.env.DIRECTORY_SEED_FILE;
      // The environment refuses a seed file in production; this holds even if that check is bypassed.
      if (seedFile && seedFile !== 'none' && this.env.NODE_ENV !== 'production') {
        const file = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedFile;
        // Only what is missing is added, so a coordinator's changes survive a restart and a newer
        // demo directory still arrives.
        const added = await this.repository.addMissing(manager, {
          organisations: file.organisations.map((o) => ({
            ...o,
            municipalityNumber: o.municipalityNumber ?? null,
          })),
          units: file.units,
          contactPersons: file.contactPersons.map((c) => ({ ...c, active: c.active ?? true })),
          navCoverage: file.navCoverage,
        });
        if (added > 0) {
          await this.repository.bumpVersion(manager);
          this.logger.log(`directory: ${added} entries added from ${seedFile}`);
        }
      }
      await this.publishMap.publish(manager, 'startup');
    });
  }

  /** The hub's own organisation, so that its administrators can sign in to an empty directory. */
  private async addHubOrganisation(manager: EntityManager): Promise<void> {
    const organisationNumber = this.env.HUB_ORGANISATION_NUMBER;
    if (!organisationNumber) return;
    const found = await this.repository.organisation(manager, organisationNumber);
    if (found) {
      if (found.type !== 'hub') {
        this.logger.warn(
          `HUB_ORGANISATION_NUMBER ${organisationNumber} is in the directory as ${found.type}, not hub; left as it is`,
        );
      }
      return;
    }
    await this.repository.addOrganisation(manager, {
      organisationNumber,
      name: 'Overgang (drift)',
      type: 'hub',
      municipalityNumber: null,
    });
    await this.repository.bumpVersion(manager);
    this.logger.log(`directory: the hub's organisation ${organisationNumber} added`);
  }
}
