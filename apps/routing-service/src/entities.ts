import {
  AbsenceOrmEntity,
  ContactPersonOrmEntity,
  DirectoryStateOrmEntity,
  NavCoverageOrmEntity,
  OrganisationOrmEntity,
  UnitOrmEntity,
} from './directory/infrastructure/directory.orm-entity';
import {
  AssignmentOrmEntity,
  ReassignmentOrmEntity,
  RoutingCaseOrmEntity,
} from './routing/infrastructure/assignment.orm-entity';

export const ENTITIES = [
  OrganisationOrmEntity,
  UnitOrmEntity,
  ContactPersonOrmEntity,
  AbsenceOrmEntity,
  NavCoverageOrmEntity,
  DirectoryStateOrmEntity,
  AssignmentOrmEntity,
  RoutingCaseOrmEntity,
  ReassignmentOrmEntity,
];
