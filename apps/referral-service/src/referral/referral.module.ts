import { Module } from '@nestjs/common';
import { RegisterConsentHandler } from '../consent/application/register-consent/register-consent.handler';
import { ConsentController } from '../consent/interface/http/consent.controller';
import { AcknowledgeReferralHandler } from './application/acknowledge-referral/acknowledge-referral.handler';
import { ProjectDeadlinesHandler } from './application/project-deadlines/project-deadlines.handler';
import { ProjectRoutingHandler } from './application/project-routing/project-routing.handler';
import { ReferralQueries } from './application/read-referral/referral.queries';
import { AttachmentsService } from './application/attachments/attachments.service';
import { ReferralIntake } from './application/submit-referral/referral-intake';
import { SubmitReferralHandler } from './application/submit-referral/submit-referral.handler';
import { SuspendReferrals } from './application/suspend-referrals';
import { TakeStepHandler } from './application/take-step/take-step.handler';
import { ConsentLedgerService } from '../consent/application/withdraw-consent/consent-ledger.service';
import { ReferralRepository } from './infrastructure/referral.repository';
import { AccessLogController, ReferralController } from './interface/http/referral.controller';
import { DeadlineEventsConsumer } from './interface/messaging/deadline-events.consumer';
import { RoutingEventsConsumer } from './interface/messaging/routing-events.consumer';
import { clockProvider } from '@overgang/core';

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
    SubmitReferralHandler,
    ReferralIntake,
    TakeStepHandler,
    SuspendReferrals,
    ConsentLedgerService,
    AttachmentsService,
    AcknowledgeReferralHandler,
    RegisterConsentHandler,
    ReferralQueries,
    ProjectRoutingHandler,
    ProjectDeadlinesHandler,
  ],
})
export class ReferralModule {}
