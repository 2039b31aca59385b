import { Principal } from '@overgang/auth';

/** A page of the access log, newest first. */
export interface AccessLogPageQuery {
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** Entries by referral, by user and in a time window; every condition given must hold. */
export interface SearchAccessLogQuery extends AccessLogPageQuery {
  by: Principal;
  referralId?: string;
  userId?: string;
  from?: Date;
  to?: Date;
  /** The request's correlation id, written to the access log with this read of it. */
  correlationId: string;
}

/** Every entry about one person's referrals and consents: who has read my data. */
export interface PersonAccessLogQuery extends AccessLogPageQuery {
  by: Principal;
  nationalId: string;
  from?: Date;
  to?: Date;
  correlationId: string;
}
