import {
  AbsenceOrmEntity,
  ContactPersonOrmEntity,
  DirectoryStateOrmEntity,
  NavCoverageOrmEntity,
  OrganisationOrmEntity,
  UnitOrmEntity,
} from './directory.orm-entity';

/** The directory's tables. */
export const DIRECTORY_ENTITIES = [
  OrganisationOrmEntity,
  UnitOrmEntity,
  ContactPersonOrmEntity,
  AbsenceOrmEntity,
  NavCoverageOrmEntity,
  DirectoryStateOrmEntity,
];
