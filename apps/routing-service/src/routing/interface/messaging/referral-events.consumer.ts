import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import {
  DEADLINE_BREACHED_V1,
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  REFERRAL_SUBMITTED_V1,
} from '@overgang/contracts';
import { MessageProcessor } from '@overgang/messaging';
import { CloseReferralHandler } from '../../application/close-referral/close-referral.handler';
import { AckSilenceHandler } from '../../application/failover/ack-silence.handler';
import { FollowAnchorDateHandler } from '../../application/follow-anchor-date/follow-anchor-date.handler';
import { RouteReferralHandler } from '../../application/route-referral/route-referral.handler';

@Controller()
export class ReferralEventsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly routeReferral: RouteReferralHandler,
    private readonly closeReferral: CloseReferralHandler,
    private readonly ackSilence: AckSilenceHandler,
    private readonly anchorDate: FollowAnchorDateHandler,
  ) {}

  @EventPattern(REFERRAL_SUBMITTED_V1)
  async submitted(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_SUBMITTED_V1, ctx, (e, c) => this.routeReferral.handle(e, c));
  }

  @EventPattern(REFERRAL_PROGRESSED_V1)
  async progressed(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_PROGRESSED_V1, ctx, (e, c) => this.closeReferral.handle(e, c));
  }

  /** Silence past the acknowledgement deadline: the backup is given the referral too. */
  @EventPattern(DEADLINE_BREACHED_V1)
  async breached(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_BREACHED_V1, ctx, (e, c) => this.ackSilence.handle(e, c));
  }

  @EventPattern(REFERRAL_ANCHOR_DATE_CHANGED_V1)
  async anchorDateChanged(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_ANCHOR_DATE_CHANGED_V1, ctx, (e, c) =>
      this.anchorDate.handle(e, c),
    );
  }
}
