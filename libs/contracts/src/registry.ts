import { AccessRecordedV1, ACCESS_RECORDED_V1 } from './audit/access-recorded.v1';
import { ConsentExpiredV1, CONSENT_EXPIRED_V1 } from './consent/consent-expired.v1';
import { ConsentRegisteredV1, CONSENT_REGISTERED_V1 } from './consent/consent-registered.v1';
import { ConsentWithdrawnV1, CONSENT_WITHDRAWN_V1 } from './consent/consent-withdrawn.v1';
import { DeadlineEscalatedV1, DEADLINE_ESCALATED_V1 } from './deadline/deadline-escalated.v1';
import { DeadlineRescheduledV1, DEADLINE_RESCHEDULED_V1 } from './deadline/deadline-rescheduled.v1';
import { DeadlineResumedV1, DEADLINE_RESUMED_V1 } from './deadline/deadline-resumed.v1';
import { DeadlineWarningIssuedV1, DEADLINE_WARNING_ISSUED_V1 } from './deadline/deadline-warning-issued.v1';
import { DeadlineStoppedV1, DEADLINE_STOPPED_V1 } from './deadline/deadline-stopped.v1';
import {
  ReferralAnchorDateChangedV1,
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
} from './referral/referral-anchor-date-changed.v1';
import { ReferralProgressedV1, REFERRAL_PROGRESSED_V1 } from './referral/referral-progressed.v1';
import { DeadlineBreachedV1, DEADLINE_BREACHED_V1 } from './deadline/deadline-breached.v1';
import { DeadlineMetV1, DEADLINE_MET_V1 } from './deadline/deadline-met.v1';
import { DeadlineOpenedV1, DEADLINE_OPENED_V1 } from './deadline/deadline-opened.v1';
import { ReferralAcknowledgedV1, REFERRAL_ACKNOWLEDGED_V1 } from './referral/referral-acknowledged.v1';
import { ReferralSubmittedV1, REFERRAL_SUBMITTED_V1 } from './referral/referral-submitted.v1';
import { RecipientMapPublishedV1, RECIPIENT_MAP_PUBLISHED_V1 } from './routing/recipient-map-published.v1';
import { ReferralReassignedV1, REFERRAL_REASSIGNED_V1 } from './routing/referral-reassigned.v1';
import { ReferralRoutedV1, REFERRAL_ROUTED_V1 } from './routing/referral-routed.v1';
import { ReferralUnroutableV1, REFERRAL_UNROUTABLE_V1 } from './routing/referral-unroutable.v1';

/** Every message the hub publishes: topic name (= message type) → contract class. */
export const CONTRACTS = {
  [REFERRAL_SUBMITTED_V1]: ReferralSubmittedV1,
  [REFERRAL_ACKNOWLEDGED_V1]: ReferralAcknowledgedV1,
  [REFERRAL_PROGRESSED_V1]: ReferralProgressedV1,
  [REFERRAL_ANCHOR_DATE_CHANGED_V1]: ReferralAnchorDateChangedV1,
  [CONSENT_REGISTERED_V1]: ConsentRegisteredV1,
  [CONSENT_WITHDRAWN_V1]: ConsentWithdrawnV1,
  [CONSENT_EXPIRED_V1]: ConsentExpiredV1,
  [REFERRAL_ROUTED_V1]: ReferralRoutedV1,
  [REFERRAL_UNROUTABLE_V1]: ReferralUnroutableV1,
  [REFERRAL_REASSIGNED_V1]: ReferralReassignedV1,
  [RECIPIENT_MAP_PUBLISHED_V1]: RecipientMapPublishedV1,
  [DEADLINE_OPENED_V1]: DeadlineOpenedV1,
  [DEADLINE_MET_V1]: DeadlineMetV1,
  [DEADLINE_BREACHED_V1]: DeadlineBreachedV1,
  [DEADLINE_STOPPED_V1]: DeadlineStoppedV1,
  [DEADLINE_RESUMED_V1]: DeadlineResumedV1,
  [DEADLINE_RESCHEDULED_V1]: DeadlineRescheduledV1,
  [DEADLINE_WARNING_ISSUED_V1]: DeadlineWarningIssuedV1,
  [DEADLINE_ESCALATED_V1]: DeadlineEscalatedV1,
  [ACCESS_RECORDED_V1]: AccessRecordedV1,
} as const;

export type Topic = keyof typeof CONTRACTS;
export type PayloadOf<T extends Topic> = InstanceType<(typeof CONTRACTS)[T]>;

export const ALL_TOPICS = Object.keys(CONTRACTS) as Topic[];

/** Where a message goes after it could not be handled; it keeps the original value. */
export function dlqTopic(topic: string): string {
  return `${topic}.dlq`;
}
