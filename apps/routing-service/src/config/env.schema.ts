import { IsOptional, IsString } from 'class-validator';
import { BaseServiceEnv } from '@overgang/config';

export class RoutingServiceEnv extends BaseServiceEnv {
  /** JSON directory loaded when the directory is empty ("none" to start empty). */
  @IsOptional()
  @IsString()
  DIRECTORY_SEED_FILE?: string;
}

export const SERVICE_NAME = 'routing-service';
export const DB_SCHEMA = 'routing';
