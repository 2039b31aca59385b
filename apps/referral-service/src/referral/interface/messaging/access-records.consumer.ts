import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { ACCESS_RECORDED_V1 } from '@overgang/contracts';
import { MessageProcessor } from '@overgang/messaging';
import { RecordForeignAccessHandler } from '../../application/access-log/record-foreign-access.handler';

@Controller()
export class AccessRecordsConsumer {
  constructor(
    private readonly processor: MessageProcessor,
    private readonly record: RecordForeignAccessHandler,
  ) {}

  @EventPattern(ACCESS_RECORDED_V1)
  async recorded(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.processor.process(ACCESS_RECORDED_V1, ctx, (e, c) => this.record.execute(e, c));
  }
}
