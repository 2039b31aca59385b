import { Module } from '@nestjs/common';
import { DirectoryService } from './directory/application/directory.service';
import { DirectoryStore } from './directory/application/directory.store';
import { DirectoryController } from './directory/interface/http/directory.controller';
import { RoutingEngine } from './routing/application/routing-engine';
import { RoutingController } from './routing/interface/http/routing.controller';
import { ReferralEventsConsumer } from './routing/interface/messaging/referral-events.consumer';
import { clockProvider } from '@overgang/core';

@Module({
  controllers: [DirectoryController, RoutingController, ReferralEventsConsumer],
  providers: [clockProvider, DirectoryStore, DirectoryService, RoutingEngine],
})
export class RoutingModule {}
