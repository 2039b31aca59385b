import { IsOptional, IsString } from 'class-validator';
import { BaseServiceEnv, RefusedInProduction } from '@overgang/config';
import { IsOrganisationNumber } from '@overgang/norway';

export class RoutingServiceEnv extends BaseServiceEnv {
  /** JSON directory loaded when the directory is empty ("none" to start empty); never in production. */
  @IsOptional()
  @IsString()
  @RefusedInProduction(
    (v) => v !== undefined && v !== 'none',
    'DIRECTORY_SEED_FILE: production loads no seed directory (its fixtures are fictitious); unset it or set none',
  )
  DIRECTORY_SEED_FILE?: string;

  /**
   * Organisation number of the hub's own operator. At start it is added to the directory as an
   * organisation of type hub when missing, so its hub-admins can sign in and import the directory.
   */
  @IsOptional()
  @IsOrganisationNumber()
  HUB_ORGANISATION_NUMBER?: string;
}

export const SERVICE_NAME = 'routing-service';
export const DB_SCHEMA = 'routing';
