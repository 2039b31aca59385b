import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ORGANISATION_DIRECTORY, ProjectedOrganisationDirectory } from '@overgang/auth';
import { clockProvider } from '@overgang/core';
import { NationalIdPolicy } from '../config/national-id-policy';
import { ConsentReader } from '../consent/application/read-consent/consent.reader';
import { RegisterConsentHandler } from '../consent/application/register-consent/register-consent.handler';
import { ConsentLedgerService } from '../consent/application/withdraw-consent/consent-ledger.service';
import { ConsentRepository } from '../consent/infrastructure/consent.repository';
import { ConsentController } from '../consent/interface/http/consent.controller';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { AccessLog } from './application/access-log/access-log';
import { AccessLogQueries } from './application/access-log/access-log.queries';
import { HubMembership } from './application/access-log/hub-membership';
import { RecordForeignAccessHandler } from './application/access-log/record-foreign-access.handler';
import { AcknowledgeReferralHandler } from './application/acknowledge-referral/acknowledge-referral.handler';
import { AttachmentsService } from './application/attachments/attachments.service';
import { ProjectDeadlinesHandler } from './application/project-deadlines/project-deadlines.handler';
import { ProjectRoutingHandler } from './application/project-routing/project-routing.handler';
import { ReferralQueries } from './application/read-referral/referral.queries';
import { WorkListQueries } from './application/read-referral/work-list.queries';
import { SubmitAssessmentRequestHandler } from './application/submit-assessment-request/submit-assessment-request.handler';
import { SubmitBenefitDeductionHandler } from './application/submit-benefit-deduction/submit-benefit-deduction.handler';
import { SubmitDischargeNoticeHandler } from './application/submit-discharge-notice/submit-discharge-notice.handler';
import { HousingSituationCounter } from './application/housing-statistics/housing-situation.counter';
import { SubmitReferralHandler } from './application/submit-referral/submit-referral.handler';
import { SubmitReleaseNoticeHandler } from './application/submit-release-notice/submit-release-notice.handler';
import { SuspendReferralsHandler } from './application/suspend-referrals/suspend-referrals.handler';
import { TakeStepHandler } from './application/take-step/take-step.handler';
import { AccessLogRepository } from './infrastructure/access-log.repository';
import { AttachmentRepository } from './infrastructure/attachment.repository';
import { PersonRecordsRepository } from './infrastructure/person-records.repository';
import { RecipientMapRepository } from './infrastructure/recipient-map.repository';
import { RecipientProjectionRepository } from './infrastructure/recipient-projection.repository';
import { ReferralClockRepository } from './infrastructure/referral-clock.repository';
import { ReferralReadRepository } from './infrastructure/referral.read-repository';
import { ReferralRepository } from './infrastructure/referral.repository';
import { AccessLogController } from './interface/http/access-log.controller';
import { AttachmentsController } from './interface/http/attachments.controller';
import { IntakeController } from './interface/http/intake.controller';
import { RefusedAccessInterceptor } from './interface/http/refused-access.interceptor';
import { ReferralReadController } from './interface/http/referral-read.controller';
import { StepsController } from './interface/http/steps.controller';
import { AccessRecordsConsumer } from './interface/messaging/access-records.consumer';
import { DeadlineEventsConsumer } from './interface/messaging/deadline-events.consumer';
import { RoutingEventsConsumer } from './interface/messaging/routing-events.consumer';
import { HousingSituationStatistics } from './application/housing-statistics/housing-situation.statistics';
import { HousingStatisticsController } from './interface/http/housing-statistics.controller';

@Module({
  imports: [PersonalDataModule],
  controllers: [
    IntakeController,
    ReferralReadController,
    StepsController,
    AttachmentsController,
    AccessLogController,
    ConsentController,
    RoutingEventsConsumer,
    DeadlineEventsConsumer,
    AccessRecordsConsumer,
    HousingStatisticsController,
  ],
  providers: [
    clockProvider,
    HousingSituationStatistics,
    // Every request's organisation, unit and roles are checked against the projected directory.
    { provide: ORGANISATION_DIRECTORY, useClass: ProjectedOrganisationDirectory },
    NationalIdPolicy,
    // infrastructure
    ReferralRepository,
    ReferralReadRepository,
    ReferralClockRepository,
    RecipientMapRepository,
    RecipientProjectionRepository,
    AttachmentRepository,
    AccessLogRepository,
    PersonRecordsRepository,
    ConsentRepository,
    // application
    SubmitReferralHandler,
    HousingSituationCounter,
    SubmitReleaseNoticeHandler,
    SubmitDischargeNoticeHandler,
    SubmitBenefitDeductionHandler,
    SubmitAssessmentRequestHandler,
    AcknowledgeReferralHandler,
    TakeStepHandler,
    SuspendReferralsHandler,
    AttachmentsService,
    AccessLog,
    AccessLogQueries,
    HubMembership,
    RecordForeignAccessHandler,
    // A refused by-id read (404/403) is logged once the request's transaction has ended.
    { provide: APP_INTERCEPTOR, useClass: RefusedAccessInterceptor },
    ReferralQueries,
    WorkListQueries,
    ProjectRoutingHandler,
    ProjectDeadlinesHandler,
    RegisterConsentHandler,
    ConsentLedgerService,
    ConsentReader,
  ],
})
export class ReferralModule {}
