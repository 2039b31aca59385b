import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RECIPIENT_MAP_PUBLISHED_V1, RecipientMapPublishedV1, REFERRAL_TYPES } from '@overgang/contracts';
import { Clock, CLOCK } from '@overgang/core';
import { OutboxWriter } from '@overgang/messaging';
import { buildRecipientMap } from '../../domain/recipient-map';
import { DirectoryRepository } from '../../infrastructure/directory.repository';

/**
 * Tells the referral service who receives what today, for its consent check at intake, and every
 * service which organisations and units exist, for checking their callers.
 */
@Injectable()
export class PublishRecipientMapHandler {
  constructor(
    private readonly repository: DirectoryRepository,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async publish(manager: EntityManager, correlationId: string): Promise<void> {
    const version = Math.max(1, await this.repository.version(manager));
    const snapshot = await this.repository.snapshot(manager);
    const entries = buildRecipientMap(snapshot, REFERRAL_TYPES);
    const institutions = snapshot.units
      .filter((u) => u.kind === 'institution-ward')
      .map((u) => ({ organisationNumber: u.organisationNumber, unitId: u.id }));
    await this.outbox.write<RecipientMapPublishedV1>(manager, {
      topic: RECIPIENT_MAP_PUBLISHED_V1,
      key: 'recipient-map',
      correlationId,
      payload: {
        version,
        entries,
        institutions,
        // The other services check every caller's roles and unit against these.
        organisations: snapshot.organisations.map((o) => ({
          organisationNumber: o.organisationNumber,
          type: o.type,
        })),
        units: snapshot.units.map((u) => ({
          id: u.id,
          organisationNumber: u.organisationNumber,
          kind: u.kind,
        })),
        publishedAt: this.clock.now().toISOString(),
      },
    });
  }
}
