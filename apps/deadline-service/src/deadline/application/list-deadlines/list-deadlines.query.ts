import { Principal } from '@overgang/auth';
import { ListedStatus } from '../../domain/clock-status';

export interface ListDeadlinesQuery {
  by: Principal;
  /** A status, or at-risk: open with a warning issued. */
  status?: ListedStatus;
  referralId?: string;
  /** The request's correlation id, carried to the access log. */
  correlationId: string;
}
