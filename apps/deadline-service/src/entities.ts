import {
  ClockChangeOrmEntity,
  ClockOrmEntity,
  ClockPauseOrmEntity,
  ClockRungOrmEntity,
  EarlyStopOrmEntity,
  ReferralAnchorOrmEntity,
} from './deadline/infrastructure/clock.orm-entity';

export const ENTITIES = [
  ClockOrmEntity,
  ClockPauseOrmEntity,
  ClockChangeOrmEntity,
  ClockRungOrmEntity,
  EarlyStopOrmEntity,
  ReferralAnchorOrmEntity,
];
