import { Principal } from '@overgang/auth';

export interface AcknowledgeReferralCommand {
  referralId: string;
  by: Principal;
  correlationId: string;
}
