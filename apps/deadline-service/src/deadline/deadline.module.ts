import { Module } from '@nestjs/common';
import { clockProvider } from '../clock.provider';
import { BreachSweeper } from './application/breach-sweeper';
import { ClockHandlers } from './application/clock.handlers';
import { DeadlineQueries } from './application/deadline.queries';
import { DeadlineController } from './interface/http/deadline.controller';
import { DeadlineEventsConsumer } from './interface/messaging/referral-events.consumer';

@Module({
  controllers: [DeadlineController, DeadlineEventsConsumer],
  providers: [clockProvider, ClockHandlers, BreachSweeper, DeadlineQueries],
})
export class DeadlineModule {}
