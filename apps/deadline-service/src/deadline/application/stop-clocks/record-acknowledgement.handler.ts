import { Injectable } from '@nestjs/common';
import { ReferralAcknowledgedV1 } from '@overgang/contracts';
import { EventContext, eventOrder } from '@overgang/messaging';
import { ApplyClockEvent } from './apply-clock-event';

/** A recipient unit acknowledged the referral: its acknowledge clock is met. */
@Injectable()
export class RecordAcknowledgementHandler {
  constructor(private readonly events: ApplyClockEvent) {}

  async execute(e: ReferralAcknowledgedV1, ctx: EventContext): Promise<void> {
    const at = new Date(e.acknowledgedAt);
    await this.events.apply(
      ctx,
      e.referralId,
      e.recipientUnitId,
      'acknowledged',
      at,
      eventOrder(ctx.envelope, at),
    );
  }
}
