import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { RECIPIENT_MAP_PUBLISHED_V1 } from '@overgang/contracts';
import { MessageProcessor } from '@overgang/messaging';
import { ProjectDirectoryHandler } from '../../application/project-directory/project-directory.handler';

@Controller()
export class DirectoryEventsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly project: ProjectDirectoryHandler,
  ) {}

  @EventPattern(RECIPIENT_MAP_PUBLISHED_V1)
  async recipientMap(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(RECIPIENT_MAP_PUBLISHED_V1, ctx, (e, c) => this.project.execute(e, c));
  }
}
