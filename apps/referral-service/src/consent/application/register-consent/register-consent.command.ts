import { Principal } from '@overgang/auth';

export interface RegisterConsentCommand {
  nationalId: string;
  purposes: string[];
  receivingOrganisationNumbers: string[];
  sharingOrganisationNumbers?: string[];
  validFrom: string;
  validTo: string;
  givenBy: 'person' | 'guardian';
  evidenceReference: string;
  registeredBy: Principal;
  correlationId: string;
}
