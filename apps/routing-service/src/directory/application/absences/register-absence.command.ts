import { Principal } from '@overgang/auth';

export interface RegisterAbsenceCommand {
  contactPersonId: string;
  /** First day away (YYYY-MM-DD). */
  from: string;
  /** Last day away (YYYY-MM-DD). */
  to: string;
  /** A category only; never health details. */
  reason: string;
  actor: Principal;
  correlationId: string;
}
