import { Principal } from '@overgang/auth';

export interface SetNavCoverageCommand {
  municipalityNumber: string;
  navOrganisationNumber: string;
  actor: Principal;
  correlationId: string;
}
