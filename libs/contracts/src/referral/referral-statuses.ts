/** The common lifecycle of every referral type. */
export const REFERRAL_STATUSES = [
  'submitted',
  'delivered',
  'acknowledged',
  'answered',
  'completed',
  'rejected',
  'withdrawn',
  'suspended',
  'cancelled',
] as const;
export type ReferralStatusCode = (typeof REFERRAL_STATUSES)[number];
