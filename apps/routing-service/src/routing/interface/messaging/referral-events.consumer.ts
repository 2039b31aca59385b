import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { REFERRAL_SUBMITTED_V1 } from '@overgang/contracts';
import { MessageProcessor } from '@overgang/messaging';
import { RouteReferralHandler } from '../../application/route-referral.handler';

@Controller()
export class ReferralEventsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly route: RouteReferralHandler,
  ) {}

  @EventPattern(REFERRAL_SUBMITTED_V1)
  async submitted(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_SUBMITTED_V1, ctx, (e, hctx) => this.route.handle(e, hctx));
  }
}
