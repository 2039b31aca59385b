import { Module } from '@nestjs/common';
import { clockProvider } from './clock.provider';
import { DirectoryService } from './directory/application/directory.service';
import { DirectoryStore } from './directory/application/directory.store';
import { DirectoryController } from './directory/interface/http/directory.controller';
import { RouteReferralHandler } from './routing/application/route-referral.handler';
import { ReferralEventsConsumer } from './routing/interface/messaging/referral-events.consumer';

@Module({
  controllers: [DirectoryController, ReferralEventsConsumer],
  providers: [clockProvider, DirectoryStore, DirectoryService, RouteReferralHandler],
})
export class RoutingModule {}
