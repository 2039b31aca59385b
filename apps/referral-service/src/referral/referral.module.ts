import { Module } from '@nestjs/common';
import { clockProvider } from '../clock.provider';
import { RegisterConsentHandler } from '../consent/application/register-consent/register-consent.handler';
import { ConsentController } from '../consent/interface/http/consent.controller';
import { AcknowledgeReferralHandler } from './application/acknowledge-referral/acknowledge-referral.handler';
import { ProjectDeadlinesHandler } from './application/project-deadlines/project-deadlines.handler';
import { ProjectRoutingHandler } from './application/project-routing/project-routing.handler';
import { ReferralQueries } from './application/read-referral/referral.queries';
import { SubmitReleaseNoticeHandler } from './application/submit-release-notice/submit-release-notice.handler';
import { ReferralRepository } from './infrastructure/referral.repository';
import { AccessLogController, ReferralController } from './interface/http/referral.controller';
import { DeadlineEventsConsumer } from './interface/messaging/deadline-events.consumer';
import { RoutingEventsConsumer } from './interface/messaging/routing-events.consumer';

@Module({
  controllers: [
    ReferralController,
    AccessLogController,
    ConsentController,
    RoutingEventsConsumer,
    DeadlineEventsConsumer,
  ],
  providers: [
    clockProvider,
    ReferralRepository,
    SubmitReleaseNoticeHandler,
    AcknowledgeReferralHandler,
    RegisterConsentHandler,
    ReferralQueries,
    ProjectRoutingHandler,
    ProjectDeadlinesHandler,
  ],
})
export class ReferralModule {}
