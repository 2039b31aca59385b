import { Injectable } from '@nestjs/common';
import { AccessRecordedV1 } from '@overgang/contracts';
import { EventContext } from '@overgang/messaging';
import { AccessLog } from './access-log';

/** A read in the routing or deadline service, kept in the one access log (this service owns it). */
@Injectable()
export class RecordForeignAccessHandler {
  constructor(private readonly accessLog: AccessLog) {}

  execute(e: AccessRecordedV1, ctx: EventContext): Promise<void> {
    return this.accessLog.record(ctx.manager, {
      reader: { userId: e.userId, organisationNumber: e.organisationNumber, roles: e.roles },
      purpose: e.purpose,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      referralId: e.referralId,
      subjectIds: e.referralIds,
      parties: e.partyOrganisationNumbers,
      outcome: e.outcome,
      correlationId: ctx.correlationId,
      at: new Date(e.readAt),
      source: ctx.envelope.producer,
    });
  }
}
