import { Principal } from '@overgang/auth';
import { ClockStatus } from '../../domain/clock-status';

export interface ListDeadlinesQuery {
  by: Principal;
  status?: ClockStatus;
  referralId?: string;
  /** The request's correlation id, carried to the access log. */
  correlationId: string;
}
