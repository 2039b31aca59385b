import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { BaseServiceEnv } from '@overgang/config';

export class ReferralServiceEnv extends BaseServiceEnv {
  /** How often expired consents are looked for, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  CONSENT_SWEEP_MS = 60000;
}

export const SERVICE_NAME = 'referral-service';
export const DB_SCHEMA = 'referral';
