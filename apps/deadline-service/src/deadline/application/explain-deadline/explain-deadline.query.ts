import { Principal } from '@overgang/auth';

export interface ExplainDeadlineQuery {
  by: Principal;
  clockId: string;
  /** The request's correlation id, carried to the access log. */
  correlationId: string;
}
