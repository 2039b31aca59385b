import { DIRECTORY_PROJECTION_ENTITIES } from '@overgang/auth';
import { IdempotencyKeyOrmEntity } from '@overgang/web';
import { ConsentChangeOrmEntity, ConsentOrmEntity } from './consent/infrastructure/consent.orm-entity';
import { RetentionRunOrmEntity } from './personal-data/infrastructure/retention-run.orm-entity';
import {
  HousingSituationCountOrmEntity,
  HousingSituationFactOrmEntity,
} from './referral/application/housing-statistics/housing-situation.orm-entity';
import { AccessLogOrmEntity } from './referral/infrastructure/access-log.orm-entity';
import {
  AttachmentOrmEntity,
  KnownInstitutionOrmEntity,
  PendingReassignmentOrmEntity,
  ProcessingStopOrmEntity,
  RecipientMapOrmEntity,
  ReferralLinkOrmEntity,
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
  ConsentChangeOrmEntity,
  ProcessingStopOrmEntity,
  ReferralLinkOrmEntity,
  AttachmentOrmEntity,
  KnownInstitutionOrmEntity,
  PendingReassignmentOrmEntity,
  IdempotencyKeyOrmEntity,
  ...DIRECTORY_PROJECTION_ENTITIES,
  RetentionRunOrmEntity,
  HousingSituationFactOrmEntity,
  HousingSituationCountOrmEntity,
];
