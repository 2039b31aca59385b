import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import {
  REFERRAL_ACKNOWLEDGED_V1,
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  REFERRAL_REASSIGNED_V1,
  REFERRAL_ROUTED_V1,
} from '@overgang/contracts';
import { MessageProcessor } from '@overgang/messaging';
import { FollowHolderHandler } from '../../application/follow-holder/follow-holder.handler';
import { MoveAnchorHandler } from '../../application/move-anchor/move-anchor.handler';
import { OpenClocksHandler } from '../../application/open-clocks/open-clocks.handler';
import { RecordAcknowledgementHandler } from '../../application/stop-clocks/record-acknowledgement.handler';
import { RecordProgressHandler } from '../../application/stop-clocks/record-progress.handler';
import { RecordReferralFacts } from '../../../statistics/application/statistics.handlers';

@Controller()
export class DeadlineEventsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly openClocks: OpenClocksHandler,
    private readonly recordAcknowledgement: RecordAcknowledgementHandler,
    private readonly recordProgress: RecordProgressHandler,
    private readonly moveAnchor: MoveAnchorHandler,
    private readonly followHolder: FollowHolderHandler,
    private readonly statistics: RecordReferralFacts,
  ) {}

  @EventPattern(REFERRAL_ROUTED_V1)
  async routed(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_ROUTED_V1, ctx, (e, c) => this.openClocks.execute(e, c));
  }

  @EventPattern(REFERRAL_ACKNOWLEDGED_V1)
  async acknowledged(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_ACKNOWLEDGED_V1, ctx, (e, c) =>
      this.recordAcknowledgement.execute(e, c),
    );
  }

  @EventPattern(REFERRAL_PROGRESSED_V1)
  async progressed(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_PROGRESSED_V1, ctx, async (e, c) => {
      await this.recordProgress.execute(e, c);
      await this.statistics.progressed(e, c);
    });
  }

  @EventPattern(REFERRAL_ANCHOR_DATE_CHANGED_V1)
  async anchorChanged(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_ANCHOR_DATE_CHANGED_V1, ctx, async (e, c) => {
      await this.moveAnchor.execute(e, c);
      await this.statistics.anchorChanged(e, c);
    });
  }

  @EventPattern(REFERRAL_REASSIGNED_V1)
  async reassigned(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_REASSIGNED_V1, ctx, (e, c) => this.followHolder.execute(e, c));
  }
}
