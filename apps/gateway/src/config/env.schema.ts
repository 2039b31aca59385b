import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The gateway owns no data and verifies no tokens: it only needs to know where the services are. */
export class GatewayEnv {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  @IsUrl(url)
  REFERRAL_SERVICE_URL!: string;

  @IsUrl(url)
  ROUTING_SERVICE_URL!: string;

  @IsUrl(url)
  DEADLINE_SERVICE_URL!: string;

  @IsOptional()
  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';
}

export type Area = 'referral' | 'routing' | 'deadline';

/** Which service owns which path prefix. */
export function routes(env: GatewayEnv): Array<{ prefix: string; area: Area; target: string }> {
  return [
    { prefix: '/api/v1/referrals', area: 'referral', target: env.REFERRAL_SERVICE_URL },
    { prefix: '/api/v1/consents', area: 'referral', target: env.REFERRAL_SERVICE_URL },
    { prefix: '/api/v1/access-log', area: 'referral', target: env.REFERRAL_SERVICE_URL },
    { prefix: '/api/v1/directory', area: 'routing', target: env.ROUTING_SERVICE_URL },
    { prefix: '/api/v1/deadlines', area: 'deadline', target: env.DEADLINE_SERVICE_URL },
    { prefix: '/api/v1/sla', area: 'deadline', target: env.DEADLINE_SERVICE_URL },
  ];
}

export function upstreams(env: GatewayEnv): Record<Area, string> {
  return {
    referral: env.REFERRAL_SERVICE_URL,
    routing: env.ROUTING_SERVICE_URL,
    deadline: env.DEADLINE_SERVICE_URL,
  };
}
