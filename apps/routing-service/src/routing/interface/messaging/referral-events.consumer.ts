import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { DEADLINE_BREACHED_V1, REFERRAL_PROGRESSED_V1, REFERRAL_SUBMITTED_V1 } from '@overgang/contracts';
import { HandlerContext, MessageProcessor } from '@overgang/messaging';
import { RoutingEngine } from '../../application/routing-engine';

const trace = (h: HandlerContext) => ({
  correlationId: h.envelope.correlationId,
  causationId: h.envelope.id,
  afterCommit: h.afterCommit,
});

@Controller()
export class ReferralEventsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly engine: RoutingEngine,
  ) {}

  @EventPattern(REFERRAL_SUBMITTED_V1)
  async submitted(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_SUBMITTED_V1, ctx, (e, h) =>
      this.engine.route(h.manager, e, trace(h)),
    );
  }

  @EventPattern(REFERRAL_PROGRESSED_V1)
  async progressed(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_PROGRESSED_V1, ctx, (e, h) =>
      this.engine.close(h.manager, e.referralId, e.toStatus),
    );
  }

  /** Silence past the acknowledgement deadline: the backup is given the referral too. */
  @EventPattern(DEADLINE_BREACHED_V1)
  async breached(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_BREACHED_V1, ctx, async (e, h) => {
      if (e.kind === 'acknowledge')
        await this.engine.ackSilence(h.manager, e.referralId, e.recipientUnitId, trace(h));
    });
  }
}
