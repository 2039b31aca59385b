import { Principal } from '@overgang/auth';
import { ClockStatus } from '../../domain/clock-status';

export interface ListDeadlinesQuery {
  by: Principal;
  status?: ClockStatus;
  referralId?: string;
}
