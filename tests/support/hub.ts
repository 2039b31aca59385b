import { AddressInfo } from 'net';
import { INestApplication } from '@nestjs/common';
import { DEMO_DIRECTORY, startRoutingService } from '../../apps/routing-service/src/bootstrap';
import { startDeadlineService } from '../../apps/deadline-service/src/bootstrap';
import { startReferralService } from '../../apps/referral-service/src/bootstrap';
import { startGateway } from '../../apps/gateway/src/bootstrap';
import { AppHooks } from '@overgang/web';
import { eventually } from '@overgang/testing';

export interface Hub {
  gateway: string;
  services: Record<'referral' | 'routing' | 'deadline', string>;
  /** The running apps, for tests that must reach inside (e.g. to run a sweep at a later hour). */
  apps: Record<'referral' | 'routing' | 'deadline', INestApplication>;
  stop(): Promise<void>;
}

const UNLIMITED = 1_000_000;

const url = (app: INestApplication) =>
  `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

/**
 * Boots the real hub in this process: the three services (each with its own schema, consumer
 * group and port) and the gateway in front, against the test run's Kafka and PostgreSQL.
 */
export async function startHub(
  hooks: Partial<Record<'referral' | 'routing' | 'deadline', AppHooks>> = {},
  /**
   * Settings every service gets on top of the test defaults (e.g. a short REQUEST_TIMEOUT_MS);
   * THROTTLE_ADDRESS_LIMIT and THROTTLE_WINDOW_MS go to the gateway too.
   */
  overrides: Record<string, string> = {},
): Promise<Hub> {
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    // The test run's identity provider (tests/setup/global-setup.ts), whose two issuers are trusted.
    ...(process.env.AUTH_LOCAL_PROVIDER_URL
      ? { AUTH_LOCAL_PROVIDER_URL: process.env.AUTH_LOCAL_PROVIDER_URL }
      : {}),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '100',
    PORT: '0',
    // The suites send thousands of requests a minute as one user from one address; the rate
    // limits get their own test (tests/e2e/web-hardening.e2e-spec.ts), with low ones.
    THROTTLE_USER_LIMIT: String(UNLIMITED),
    THROTTLE_UNAUTHENTICATED_LIMIT: String(UNLIMITED),
    THROTTLE_ADDRESS_LIMIT: String(UNLIMITED),
    ...overrides,
  };
  const apps: INestApplication[] = [];
  try {
    apps.push(
      await startRoutingService(
        { ...env, DIRECTORY_SEED_FILE: DEMO_DIRECTORY },
        { port: 0, hooks: hooks.routing },
      ),
    );
    apps.push(
      await startDeadlineService({ ...env, DEADLINE_SWEEP_MS: '500' }, { port: 0, hooks: hooks.deadline }),
    );
    apps.push(await startReferralService(env, { port: 0, hooks: hooks.referral }));
    const [routing, deadline, referral] = apps.map(url);
    apps.push(
      await startGateway(
        {
          PORT: '0',
          LOG_LEVEL: 'warn',
          THROTTLE_ADDRESS_LIMIT: env.THROTTLE_ADDRESS_LIMIT,
          ...(overrides.THROTTLE_WINDOW_MS ? { THROTTLE_WINDOW_MS: overrides.THROTTLE_WINDOW_MS } : {}),
          REFERRAL_SERVICE_URL: referral,
          ROUTING_SERVICE_URL: routing,
          DEADLINE_SERVICE_URL: deadline,
          // The browser's sign-in at the test run's provider (people's issuer).
          ...(process.env.AUTH_LOCAL_PROVIDER_URL
            ? { OIDC_ISSUER: `${process.env.AUTH_LOCAL_PROVIDER_URL}/ansatt` }
            : {}),
          ...(overrides.SESSION_IDLE_MS ? { SESSION_IDLE_MS: overrides.SESSION_IDLE_MS } : {}),
        },
        { port: 0 },
      ),
    );
    const gateway = url(apps[3]);
    // Ready when the referral and deadline services have the routing service's recipient map
    // (with the directory every caller is checked against).
    for (const [name, base] of [
      ['referral', referral],
      ['deadline', deadline],
    ]) {
      await eventually(
        async () => {
          const res = await fetch(`${base}/health`);
          if (!res.ok) throw new Error(await res.text());
        },
        { timeoutMs: 60_000, what: `the ${name} service to be ready` },
      );
    }
    return {
      gateway,
      services: { referral, routing, deadline },
      apps: { routing: apps[0], deadline: apps[1], referral: apps[2] },
      stop: async () => {
        for (const app of apps.reverse()) await app.close();
      },
    };
  } catch (err) {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    throw err;
  }
}
