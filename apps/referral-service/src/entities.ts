import { ConsentOrmEntity } from './consent/infrastructure/consent.orm-entity';
import {
  AccessLogOrmEntity,
  RecipientMapOrmEntity,
  ReferralClockOrmEntity,
  ReferralHistoryOrmEntity,
  ReferralOrmEntity,
  ReferralRecipientOrmEntity,
} from './referral/infrastructure/referral.orm-entity';

export const ENTITIES = [
  ConsentOrmEntity,
  ReferralOrmEntity,
  ReferralRecipientOrmEntity,
  ReferralClockOrmEntity,
  ReferralHistoryOrmEntity,
  AccessLogOrmEntity,
  RecipientMapOrmEntity,
];
