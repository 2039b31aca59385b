import { readFileSync } from 'fs';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

/** Seeds an empty directory from the fixture at start-up, then (re)publishes the recipient map. */
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
      const seedFile = this.env.DIRECTORY_SEED_FILE;
      if (seedFile && seedFile !== 'none') {
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
}
