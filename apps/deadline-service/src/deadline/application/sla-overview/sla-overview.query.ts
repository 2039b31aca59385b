import { Principal } from '@overgang/auth';

export interface SlaOverviewQuery {
  by: Principal;
}
