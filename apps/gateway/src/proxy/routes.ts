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
  { prefix: '/api/v1/statistics', area: 'deadline' },
];

/** Single paths inside another area's prefix that a different service answers. */
export const EXCEPTIONS: ReadonlyArray<{ pattern: RegExp; area: Area }> = [
  // Why a referral went where it did, and who holds it in a unit, is the routing service's knowledge.
  { pattern: /^\/api\/v1\/referrals\/[^/]+\/routing(\/assignments)?\/?$/, area: 'routing' },
  // The housing situation at notice never leaves the referral service: it counts it and answers.
  {
    pattern: /^\/api\/v1\/statistics\/(releases|discharges)\/housing-situations(\.csv)?\/?$/,
    area: 'referral',
  },
];

/** The service that answers a path, or null when none does. */
export function ownerOf(path: string): Area | null {
  const bare = path.split('?')[0];
  const exception = EXCEPTIONS.find((e) => e.pattern.test(bare));
  if (exception) return exception.area;
  return ROUTES.find((r) => bare === r.prefix || bare.startsWith(`${r.prefix}/`))?.area ?? null;
}

export function upstreams(env: GatewayEnv): Record<Area, string> {
  return {
    referral: env.REFERRAL_SERVICE_URL,
    routing: env.ROUTING_SERVICE_URL,
    deadline: env.DEADLINE_SERVICE_URL,
  };
}
