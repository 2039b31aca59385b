import { Module } from '@nestjs/common';
import { clockProvider } from '../clock.provider';
import { ClockEngine } from './application/clock-engine';
import { RungScheduler } from './application/rung-scheduler';
import { DeadlineQueries } from './application/deadline.queries';
import { DeadlineController, SlaController } from './interface/http/deadline.controller';
import { DeadlineEventsConsumer } from './interface/messaging/referral-events.consumer';

@Module({
  controllers: [DeadlineController, SlaController, DeadlineEventsConsumer],
  providers: [clockProvider, ClockEngine, RungScheduler, DeadlineQueries],
})
export class DeadlineModule {}
