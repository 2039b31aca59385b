import { Module } from '@nestjs/common';
import { ORGANISATION_DIRECTORY } from '@overgang/auth';
import { clockProvider } from '@overgang/core';
import { AccessRecordPublisher } from '@overgang/messaging';
import { RegisterAbsenceHandler } from './directory/application/absences/register-absence.handler';
import { CreateContactPersonHandler } from './directory/application/administer-directory/create-contact-person.handler';
import { CreateOrganisationHandler } from './directory/application/administer-directory/create-organisation.handler';
import { CreateUnitHandler } from './directory/application/administer-directory/create-unit.handler';
import { DirectoryQueries } from './directory/application/administer-directory/directory.queries';
import { SetNavCoverageHandler } from './directory/application/administer-directory/set-nav-coverage.handler';
import { UpdateContactPersonHandler } from './directory/application/administer-directory/update-contact-person.handler';
import { UpdateUnitHandler } from './directory/application/administer-directory/update-unit.handler';
import { DIRECTORY_CHANGE_LISTENER } from './directory/application/directory-change.listener';
import { DirectoryChanges } from './directory/application/directory-changes';
import { DirectoryReader } from './directory/application/directory-reader';
import { ExportDirectoryQuery } from './directory/application/import-export/export-directory.query';
import { ImportContactPersonsHandler } from './directory/application/import-export/import-contact-persons.handler';
import { ImportDirectoryHandler } from './directory/application/import-export/import-directory.handler';
import { PublishRecipientMapHandler } from './directory/application/publish-recipient-map/publish-recipient-map.handler';
import { SeedDirectoryHandler } from './directory/application/seed-directory/seed-directory.handler';
import { DirectoryRepository } from './directory/infrastructure/directory.repository';
import { RoutingOrganisationDirectory } from './directory/infrastructure/routing-organisation-directory';
import { DirectoryImportExportController } from './directory/interface/http/directory-import-export.controller';
import { DirectoryController } from './directory/interface/http/directory.controller';
import { AssignReferralHandler } from './routing/application/assign-referral/assign-referral.handler';
import { CloseReferralHandler } from './routing/application/close-referral/close-referral.handler';
import { AckSilenceHandler } from './routing/application/failover/ack-silence.handler';
import { FollowAnchorDateHandler } from './routing/application/follow-anchor-date/follow-anchor-date.handler';
import { Reassignments } from './routing/application/failover/reassignments';
import { RelieveHolderHandler } from './routing/application/failover/relieve-holder.handler';
import { HolderPicker } from './routing/application/holder-picker';
import { HubCoordinators } from './routing/application/read-routing/hub-coordinators';
import { RoutingQueries } from './routing/application/read-routing/routing.queries';
import { RouteReferralHandler } from './routing/application/route-referral/route-referral.handler';
import { RoutingDirectoryListener } from './routing/application/routing-directory.listener';
import { AssignmentRepository } from './routing/infrastructure/assignment.repository';
import { RoutingPartRepository } from './routing/infrastructure/routing-part.repository';
import { RoutingController } from './routing/interface/http/routing.controller';
import { ReferralEventsConsumer } from './routing/interface/messaging/referral-events.consumer';

const directory = [
  DirectoryRepository,
  DirectoryReader,
  DirectoryChanges,
  DirectoryQueries,
  CreateOrganisationHandler,
  CreateUnitHandler,
  UpdateUnitHandler,
  CreateContactPersonHandler,
  UpdateContactPersonHandler,
  SetNavCoverageHandler,
  RegisterAbsenceHandler,
  ImportDirectoryHandler,
  ImportContactPersonsHandler,
  ExportDirectoryQuery,
  PublishRecipientMapHandler,
  SeedDirectoryHandler,
];

const routing = [
  AssignmentRepository,
  RoutingPartRepository,
  HolderPicker,
  RouteReferralHandler,
  CloseReferralHandler,
  Reassignments,
  RelieveHolderHandler,
  AckSilenceHandler,
  HubCoordinators,
  RoutingQueries,
  RoutingDirectoryListener,
  AssignReferralHandler,
  FollowAnchorDateHandler,
];

@Module({
  controllers: [
    DirectoryController,
    DirectoryImportExportController,
    RoutingController,
    ReferralEventsConsumer,
  ],
  providers: [
    clockProvider,
    // Reads of referral routing and staff contact data go to the referral service's access log.
    AccessRecordPublisher,
    ...directory,
    ...routing,
    // Every request's organisation, unit and roles are checked against the directory's own tables.
    { provide: ORGANISATION_DIRECTORY, useClass: RoutingOrganisationDirectory },
    // The directory tells routing about its changes through its own port; it never imports routing.
    { provide: DIRECTORY_CHANGE_LISTENER, useExisting: RoutingDirectoryListener },
  ],
})
export class RoutingModule {}
