import { Module } from '@nestjs/common';
import { ClockEngine } from './application/clock-engine';
import { RungScheduler } from './application/rung-scheduler';
import { DeadlineQueries } from './application/deadline.queries';
import { DeadlineController, SlaController } from './interface/http/deadline.controller';
import { DeadlineEventsConsumer } from './interface/messaging/referral-events.consumer';
import { clockProvider } from '@overgang/core';

@Module({
  controllers: [DeadlineController, SlaController, DeadlineEventsConsumer],
  providers: [clockProvider, ClockEngine, RungScheduler, DeadlineQueries],
})
export class DeadlineModule {}
