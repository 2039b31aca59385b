import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONSENT_REGISTERED_V1, ConsentPurpose, ConsentRegisteredV1 } from '@overgang/contracts';
import { CLOCK, Clock, DomainError } from '@overgang/core';
import { OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { NationalIdPolicy } from '../../../config/national-id-policy';
import { ConsentRepository } from '../../infrastructure/consent.repository';
import { RegisterConsentCommand } from './register-consent.command';

@Injectable()
export class RegisterConsentHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly consents: ConsentRepository,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly nationalIds: NationalIdPolicy,
  ) {}

  async execute(cmd: RegisterConsentCommand): Promise<string> {
    this.nationalIds.assertAccepted(cmd.nationalId);
    if (cmd.validTo < cmd.validFrom) {
      throw new DomainError(
        'CONSENT.DATES_IN_WRONG_ORDER',
        'validTo must be on or after validFrom.',
        'invalid',
        {
          field: 'validTo',
        },
      );
    }
    const id = randomUUID();
    const now = this.clock.now();
    await inTransaction(this.ds, async (manager) => {
      await this.consents.insert(manager, {
        id,
        personNationalId: cmd.nationalId,
        purposes: cmd.purposes,
        receivingOrganisations: cmd.receivingOrganisationNumbers,
        sharingOrganisations: cmd.sharingOrganisationNumbers ?? [cmd.registeredBy.organisationNumber],
        withdrawnOrganisations: [],
        withdrawnPurposes: [],
        validFrom: cmd.validFrom,
        validTo: cmd.validTo,
        givenBy: cmd.givenBy,
        evidenceReference: cmd.evidenceReference,
        registeredByUser: cmd.registeredBy.userId,
        registeredByOrganisation: cmd.registeredBy.organisationNumber,
        status: 'active',
        createdAt: now,
      });
      await this.outbox.write<ConsentRegisteredV1>(manager, {
        topic: CONSENT_REGISTERED_V1,
        key: id,
        correlationId: cmd.correlationId,
        occurredAt: now,
        payload: {
          consentId: id,
          purposes: cmd.purposes as ConsentPurpose[],
          receivingOrganisationNumbers: cmd.receivingOrganisationNumbers,
          validFrom: cmd.validFrom,
          validTo: cmd.validTo,
          registeredByOrganisationNumber: cmd.registeredBy.organisationNumber,
          registeredAt: now.toISOString(),
        },
      });
    });
    return id;
  }
}
