import {
  AssignmentOrmEntity,
  ReassignmentOrmEntity,
  RoutingCaseOrmEntity,
  RoutingPartOrmEntity,
} from './assignment.orm-entity';

/** Routing's tables. */
export const ROUTING_ENTITIES = [
  AssignmentOrmEntity,
  RoutingCaseOrmEntity,
  ReassignmentOrmEntity,
  RoutingPartOrmEntity,
];
