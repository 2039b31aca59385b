import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOCK, Clock } from '@overgang/core';
import { AccessLogRepository } from '../../infrastructure/access-log.repository';

/** What was read: the details, the history, or one attachment. */
export type AccessAction = 'read-details' | 'read-history' | `read-attachment:${string}`;

export interface AccessEntry {
  referralId: string;
  reader: { userId: string; organisationNumber: string };
  action: AccessAction;
  /** The request's correlation id: ties the read to the gateway's request log. */
  correlationId: string;
}

/**
 * The one way a read of a referral's personal data is logged. Written on the read's own manager,
 * so the log and the read commit together: no read without its entry, no entry without the read.
 */
@Injectable()
export class AccessLog {
  constructor(
    private readonly log: AccessLogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  record(manager: EntityManager, entry: AccessEntry): Promise<void> {
    return this.log.insert(manager, {
      referralId: entry.referralId,
      userId: entry.reader.userId,
      organisationNumber: entry.reader.organisationNumber,
      action: entry.action,
      at: this.clock.now(),
      correlationId: entry.correlationId,
    });
  }
}
