import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import {
  REFERRAL_ACKNOWLEDGED_V1,
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  REFERRAL_ROUTED_V1,
} from '@overgang/contracts';
import { MessageProcessor } from '@overgang/messaging';
import { ClockEngine } from '../../application/clock-engine';

@Controller()
export class DeadlineEventsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly clocks: ClockEngine,
  ) {}

  @EventPattern(REFERRAL_ROUTED_V1)
  async routed(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_ROUTED_V1, ctx, (e, h) => this.clocks.routed(e, h));
  }

  @EventPattern(REFERRAL_ACKNOWLEDGED_V1)
  async acknowledged(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_ACKNOWLEDGED_V1, ctx, (e, h) => this.clocks.acknowledged(e, h));
  }

  @EventPattern(REFERRAL_PROGRESSED_V1)
  async progressed(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_PROGRESSED_V1, ctx, (e, h) => this.clocks.progressed(e, h));
  }

  @EventPattern(REFERRAL_ANCHOR_DATE_CHANGED_V1)
  async anchorChanged(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_ANCHOR_DATE_CHANGED_V1, ctx, (e, h) =>
      this.clocks.anchorChanged(e, h),
    );
  }
}
