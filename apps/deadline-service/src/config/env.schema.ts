import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { BaseServiceEnv } from '@overgang/config';

export class DeadlineServiceEnv extends BaseServiceEnv {
  /** How often due warning-ladder rungs are looked for, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DEADLINE_SWEEP_MS = 5000;

  /** Rungs claimed per sweep transaction. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  DEADLINE_SWEEP_BATCH = 500;

  /** How far this process's clock may be off the database's before its sweeps fire nothing, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  DEADLINE_MAX_CLOCK_SKEW_MS = 5000;
}

export const SERVICE_NAME = 'deadline-service';
export const DB_SCHEMA = 'deadline';
