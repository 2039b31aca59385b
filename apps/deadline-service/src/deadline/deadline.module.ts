import { Module } from '@nestjs/common';
import { ORGANISATION_DIRECTORY, ProjectedOrganisationDirectory } from '@overgang/auth';
import { clockProvider } from '@overgang/core';
import { AccessRecordPublisher } from '@overgang/messaging';
import { ExplainDeadlineHandler } from './application/explain-deadline/explain-deadline.handler';
import { FollowHolderHandler } from './application/follow-holder/follow-holder.handler';
import { ListDeadlinesHandler } from './application/list-deadlines/list-deadlines.handler';
import { MoveAnchorHandler } from './application/move-anchor/move-anchor.handler';
import { OpenClocksHandler } from './application/open-clocks/open-clocks.handler';
import { RungScheduler } from './application/fire-rungs/rung-scheduler';
import { ClockOpener } from './application/shared/clock-opener';
import { StepClocks } from './application/shared/step-clocks';
import { ClockTransitions } from './application/shared/clock-transitions';
import { SlaOverviewHandler } from './application/sla-overview/sla-overview.handler';
import { ApplyClockEvent } from './application/stop-clocks/apply-clock-event';
import { RecordAcknowledgementHandler } from './application/stop-clocks/record-acknowledgement.handler';
import { RecordProgressHandler } from './application/stop-clocks/record-progress.handler';
import { ClockRepository } from './infrastructure/clock.repository';
import { ClockRungRepository } from './infrastructure/clock-rung.repository';
import { DatabaseClock } from './infrastructure/database-clock';
import { DeadlineReadRepository } from './infrastructure/deadline.read-repository';
import { UnitHolderRepository } from './infrastructure/unit-holder.repository';
import { DeadlineController, SlaController } from './interface/http/deadline.controller';
import { ProjectDirectoryHandler } from './application/project-directory/project-directory.handler';
import { DirectoryEventsConsumer } from './interface/messaging/directory-events.consumer';
import { DeadlineEventsConsumer } from './interface/messaging/referral-events.consumer';
import { RecordReferralFacts, StatisticsHandler } from '../statistics/application/statistics.handlers';
import { ReferralFactRepository } from '../statistics/infrastructure/referral-fact.repository';
import {
  StatisticsController,
  StatisticsEventsConsumer,
} from '../statistics/interface/statistics.controller';

@Module({
  controllers: [
    DeadlineController,
    SlaController,
    DeadlineEventsConsumer,
    DirectoryEventsConsumer,
    StatisticsController,
    StatisticsEventsConsumer,
  ],
  providers: [
    clockProvider,
    // Reads of deadline lists and clocks go to the referral service's access log.
    AccessRecordPublisher,
    ClockRepository,
    ClockRungRepository,
    DeadlineReadRepository,
    UnitHolderRepository,
    DatabaseClock,
    ClockTransitions,
    ClockOpener,
    StepClocks,
    ApplyClockEvent,
    OpenClocksHandler,
    RecordAcknowledgementHandler,
    RecordProgressHandler,
    MoveAnchorHandler,
    FollowHolderHandler,
    RungScheduler,
    ListDeadlinesHandler,
    ExplainDeadlineHandler,
    SlaOverviewHandler,
    ProjectDirectoryHandler,
    // Statistics without personal data: a fact table fed by the referral events.
    ReferralFactRepository,
    RecordReferralFacts,
    StatisticsHandler,
    // Every request's organisation, unit and roles are checked against the projected directory.
    { provide: ORGANISATION_DIRECTORY, useClass: ProjectedOrganisationDirectory },
  ],
})
export class DeadlineModule {}
