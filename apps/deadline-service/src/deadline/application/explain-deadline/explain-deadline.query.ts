import { Principal } from '@overgang/auth';

export interface ExplainDeadlineQuery {
  by: Principal;
  clockId: string;
}
