import { Principal } from '@overgang/auth';

/** With no organisations and no purposes, the whole consent is withdrawn. */
export interface WithdrawConsentCommand {
  consentId: string;
  organisationNumbers: string[];
  purposes: string[];
  by: Principal;
  correlationId: string;
}
