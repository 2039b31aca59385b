import { IdempotencyKeyOrmEntity } from '@overgang/web';
import { DIRECTORY_ENTITIES } from './directory/infrastructure/directory.entities';
import { ROUTING_ENTITIES } from './routing/infrastructure/routing.entities';

/** Every table of the service, for the data source and the migration drift check. */
export const ENTITIES = [...DIRECTORY_ENTITIES, ...ROUTING_ENTITIES, IdempotencyKeyOrmEntity];
