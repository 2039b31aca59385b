import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import {
  DEADLINE_BREACHED_V1,
  DEADLINE_MET_V1,
  DEADLINE_ESCALATED_V1,
  DEADLINE_OPENED_V1,
  DEADLINE_RESCHEDULED_V1,
  DEADLINE_WARNING_ISSUED_V1,
  DEADLINE_RESUMED_V1,
  DEADLINE_STOPPED_V1,
} from '@overgang/contracts';
import { MessageProcessor } from '@overgang/messaging';
import { ProjectDeadlinesHandler } from '../../application/project-deadlines/project-deadlines.handler';

@Controller()
export class DeadlineEventsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly project: ProjectDeadlinesHandler,
  ) {}

  @EventPattern(DEADLINE_OPENED_V1)
  async opened(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_OPENED_V1, ctx, (e, c) => this.project.opened(e, c));
  }

  @EventPattern(DEADLINE_MET_V1)
  async met(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_MET_V1, ctx, (e, c) => this.project.met(e, c));
  }

  @EventPattern(DEADLINE_BREACHED_V1)
  async breached(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_BREACHED_V1, ctx, (e, c) => this.project.breached(e, c));
  }

  @EventPattern(DEADLINE_STOPPED_V1)
  async stopped(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_STOPPED_V1, ctx, (e, c) => this.project.stopped(e, c));
  }

  @EventPattern(DEADLINE_RESUMED_V1)
  async resumed(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_RESUMED_V1, ctx, (e, c) => this.project.resumed(e, c));
  }

  @EventPattern(DEADLINE_RESCHEDULED_V1)
  async rescheduled(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_RESCHEDULED_V1, ctx, (e, c) => this.project.rescheduled(e, c));
  }

  @EventPattern(DEADLINE_WARNING_ISSUED_V1)
  async warning(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_WARNING_ISSUED_V1, ctx, (e, c) => this.project.warningIssued(e, c));
  }

  @EventPattern(DEADLINE_ESCALATED_V1)
  async escalated(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(DEADLINE_ESCALATED_V1, ctx, (e, c) => this.project.escalated(e, c));
  }
}
