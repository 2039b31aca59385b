import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import {
  RECIPIENT_MAP_PUBLISHED_V1,
  REFERRAL_REASSIGNED_V1,
  REFERRAL_ROUTED_V1,
  REFERRAL_UNROUTABLE_V1,
} from '@overgang/contracts';
import { MessageProcessor } from '@overgang/messaging';
import { ProjectRoutingHandler } from '../../application/project-routing/project-routing.handler';

@Controller()
export class RoutingEventsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly project: ProjectRoutingHandler,
  ) {}

  @EventPattern(REFERRAL_ROUTED_V1)
  async routed(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_ROUTED_V1, ctx, (e, c) => this.project.routed(e, c));
  }

  @EventPattern(REFERRAL_UNROUTABLE_V1)
  async unroutable(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_UNROUTABLE_V1, ctx, (e, c) => this.project.unroutable(e, c));
  }

  @EventPattern(RECIPIENT_MAP_PUBLISHED_V1)
  async recipientMap(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(RECIPIENT_MAP_PUBLISHED_V1, ctx, (e, c) => this.project.recipientMap(e, c));
  }

  @EventPattern(REFERRAL_REASSIGNED_V1)
  async reassigned(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(REFERRAL_REASSIGNED_V1, ctx, (e, c) => this.project.reassigned(e, c));
  }
}
