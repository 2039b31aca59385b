import { Principal } from '@overgang/auth';
import { AssignmentTarget } from '../../domain/coordinator-assignment';

/** A coordinator gives a referral in their unit to a named contact person, or takes it over. */
export interface AssignReferralCommand {
  referralId: string;
  unitId: string;
  target: AssignmentTarget;
  actor: Principal;
  correlationId: string;
}
