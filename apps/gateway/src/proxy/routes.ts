import { GatewayEnv } from '../config/env.schema';

export type Area = 'referral' | 'routing' | 'deadline';

export const AREAS: readonly Area[] = ['referral', 'routing', 'deadline'];

/** Which service owns which path prefix (see ARCHITECTURE.md). */
export const ROUTES: ReadonlyArray<{ prefix: string; area: Area }> = [
  { prefix: '/api/v1/referrals', area: 'referral' },
  { prefix: '/api/v1/consents', area: 'referral' },
  { prefix: '/api/v1/access-log', area: 'referral' },
  { prefix: '/api/v1/directory', area: 'routing' },
  { prefix: '/api/v1/deadlines', area: 'deadline' },
  { prefix: '/api/v1/sla', area: 'deadline' },
];

export function upstreams(env: GatewayEnv): Record<Area, string> {
  return {
    referral: env.REFERRAL_SERVICE_URL,
    routing: env.ROUTING_SERVICE_URL,
    deadline: env.DEADLINE_SERVICE_URL,
  };
}
