import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { BaseServiceEnv } from '@overgang/config';

export class DeadlineServiceEnv extends BaseServiceEnv {
  /** How often due clocks are looked for, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DEADLINE_SWEEP_MS = 30000;
}

export const SERVICE_NAME = 'deadline-service';
export const DB_SCHEMA = 'deadline';
