import { DIRECTORY_PROJECTION_ENTITIES } from '@overgang/auth';
import { IdempotencyKeyOrmEntity } from '@overgang/web';
import {
  ClockChangeOrmEntity,
  ClockOrmEntity,
  ClockPauseOrmEntity,
  ClockRungOrmEntity,
  EarlyStopOrmEntity,
  ReferralAnchorOrmEntity,
  UnitHolderOrmEntity,
} from './deadline/infrastructure/clock.orm-entity';
import { ReferralFactOrmEntity } from './statistics/infrastructure/referral-fact.orm-entity';

export const ENTITIES = [
  ClockOrmEntity,
  ClockPauseOrmEntity,
  ClockChangeOrmEntity,
  ClockRungOrmEntity,
  EarlyStopOrmEntity,
  ReferralAnchorOrmEntity,
  UnitHolderOrmEntity,
  ReferralFactOrmEntity,
  IdempotencyKeyOrmEntity,
  ...DIRECTORY_PROJECTION_ENTITIES,
];
