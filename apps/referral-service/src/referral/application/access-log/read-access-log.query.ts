import { Principal } from '@overgang/auth';

export interface ReadAccessLogQuery {
  referralId: string;
  by: Principal;
}
