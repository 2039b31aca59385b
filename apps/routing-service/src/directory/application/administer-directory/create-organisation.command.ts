import { Principal } from '@overgang/auth';
import { Organisation } from '../../domain/directory';

export interface CreateOrganisationCommand {
  /** municipalityNumber is required for a municipality only. */
  organisation: Omit<Organisation, 'municipalityNumber'> & { municipalityNumber?: string };
  actor: Principal;
  correlationId: string;
}
