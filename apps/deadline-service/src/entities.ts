import { ClockOrmEntity, EarlyStopOrmEntity } from './deadline/infrastructure/clock.orm-entity';

export const ENTITIES = [ClockOrmEntity, EarlyStopOrmEntity];
