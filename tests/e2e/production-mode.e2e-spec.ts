import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AddressInfo } from 'net';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { RECIPIENT_MAP_PUBLISHED_V1 } from '@overgang/contracts';
import * as jwt from 'jsonwebtoken';
import { Role } from '@overgang/auth';
import {
  aConsent,
  aNationalId,
  aReleaseNotice,
  eventually,
  TEST_JWT_SECRET,
  tokenForClaims,
} from '@overgang/testing';
import { issuerEntry, longLivedToken, systemSignedIn } from '../support/oidc';
import { startDeadlineService } from '../../apps/deadline-service/src/bootstrap';
import { startReferralService } from '../../apps/referral-service/src/bootstrap';
import { DEMO_DIRECTORY, startRoutingService } from '../../apps/routing-service/src/bootstrap';

const HUB_ORGANISATION = '100000148';
const key = () => randomBytes(32).toString('base64');
/**
 * What production is given: its own trusted issuers (here the test run's provider's people issuer,
 * on this machine, and its long-lived one, to show the lifetime rule), its own data keys.
 */
const OWN = () => ({ AUTH_ISSUERS: JSON.stringify([issuerEntry('people'), issuerEntry('longLived')]) });
const DATA_KEYS = { DATA_KEYS: `prod1:${key()}`, DATA_KEY_CURRENT: 'prod1', DATA_HMAC_KEY: key() };
const url = (app: INestApplication) =>
  `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

describe('production mode (NODE_ENV=production)', () => {
  /** Its own database, so the production services see nothing the other suites left behind. */
  let databaseUrl: string;
  let admin: Client;
  const apps: INestApplication[] = [];

  const env = (extra: Record<string, string> = {}): Record<string, unknown> => ({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '100',
    PORT: '0',
    THROTTLE_USER_LIMIT: '1000000',
    THROTTLE_UNAUTHENTICATED_LIMIT: '1000000',
    THROTTLE_ADDRESS_LIMIT: '1000000',
    ...OWN(),
    ...extra,
  });
  const token = (sub: string, org: string, unit: string | null, roles: Role[]) =>
    `Bearer ${tokenForClaims({ sub, org, unit, roles })}`;
  const consultant = () =>
    token('consultant-drammen-fengsel', '100000008', 'drammen-fengsel-sosialkonsulent', [
      'prison-consultant',
    ]);

  beforeAll(async () => {
    const test = new URL(process.env.DATABASE_URL as string);
    const name = `${test.pathname.slice(1)}_production`;
    admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    test.pathname = `/${name}`;
    databaseUrl = test.toString();
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin?.end();
  });

  it('refuses to boot without trusted issuers, with the local identity provider, or with keys over plain http', async () => {
    const without = env(DATA_KEYS);
    delete without.AUTH_ISSUERS;
    await expect(startReferralService(without, { port: 0 })).rejects.toThrow(/AUTH_ISSUERS must name/);
    await expect(
      startDeadlineService(env({ AUTH_LOCAL_PROVIDER_URL: process.env.AUTH_LOCAL_PROVIDER_URL as string }), {
        port: 0,
      }),
    ).rejects.toThrow(/AUTH_LOCAL_PROVIDER_URL trusts the local identity provider/);
    const plain = JSON.stringify([
      { ...issuerEntry('people'), issuer: 'http://login.overgang-prod.invalid/idp' },
    ]);
    await expect(
      startRoutingService(env({ AUTH_ISSUERS: plain, DIRECTORY_SEED_FILE: 'none' }), { port: 0 }),
    ).rejects.toThrow(/production fetches keys over https only/);
  });

  it('refuses to seed the demo directory', async () => {
    await expect(
      startRoutingService(env({ DIRECTORY_SEED_FILE: DEMO_DIRECTORY }), { port: 0 }),
    ).rejects.toThrow(/DIRECTORY_SEED_FILE/);
  });

  it('boots with its own issuers, answers 503 until the directory has arrived, and refuses synthetic national IDs', async () => {
    // The referral and deadline services first: no directory has been published to them yet. The
    // broker is the test run's, so a map an earlier suite published after its consumers stopped
    // would still be waiting for these consumer groups: move them past every map there is.
    const admin = new Kafka({
      clientId: 'production-mode-test',
      brokers: (process.env.KAFKA_BROKERS as string).split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      for (const groupId of topics.includes(RECIPIENT_MAP_PUBLISHED_V1)
        ? ['referral-service', 'deadline-service']
        : []) {
        await admin.resetOffsets({ groupId, topic: RECIPIENT_MAP_PUBLISHED_V1, earliest: false });
      }
    } finally {
      await admin.disconnect();
    }
    apps.push(await startReferralService(env(DATA_KEYS), { port: 0 }));
    apps.push(await startDeadlineService(env(), { port: 0 }));
    const [referral, deadline] = apps.map(url);
    // Nobody is let in before the directory has arrived. A map published on the shared test broker
    // can still reach these new consumers (an earlier suite's outbox, or a commit lagging at its
    // shutdown): an answer other than 503 is then allowed only with that map really projected.
    const notLetInWithoutDirectory = async (res: request.Response, schema: string) => {
      if (res.status === 503) {
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        return;
      }
      const projected = new Client({ connectionString: databaseUrl });
      await projected.connect();
      try {
        const { rows } = await projected.query(`SELECT version FROM ${schema}.directory_projection`);
        expect({ status: res.status, rows }).toEqual({
          status: 200,
          rows: [{ version: expect.any(Number) }],
        });
      } finally {
        await projected.end();
      }
    };
    await notLetInWithoutDirectory(
      await request(referral).get('/api/v1/referrals/inbox').set('Authorization', consultant()),
      'referral',
    );
    await notLetInWithoutDirectory(
      await request(deadline)
        .get('/api/v1/deadlines')
        .set('Authorization', token('c', '100000016', null, ['coordinator'])),
      'deadline',
    );

    // An empty directory but the hub's own organisation: its administrator imports the directory.
    apps.push(
      await startRoutingService(
        env({ DIRECTORY_SEED_FILE: 'none', HUB_ORGANISATION_NUMBER: HUB_ORGANISATION }),
        {
          port: 0,
        },
      ),
    );
    const routing = url(apps[2]);
    // The demo directory's entries, without its demo users: the import format.
    const { organisations, units, contactPersons, navCoverage } = JSON.parse(
      readFileSync(DEMO_DIRECTORY, 'utf8'),
    ) as Record<string, unknown>;
    const directory = { organisations, units, contactPersons, navCoverage };
    const hubAdmin = token('ops-admin', HUB_ORGANISATION, null, ['hub-admin']);
    await request(routing)
      .post('/api/v1/directory/import')
      .set('Authorization', hubAdmin)
      .send(directory)
      .expect(200);

    await eventually(
      () => request(referral).get('/api/v1/referrals/inbox').set('Authorization', consultant()).expect(200),
      { what: 'the referral service to receive the directory' },
    );

    // A token of an issuer production does not list, signed with a shared secret, or living longer
    // than AUTH_MAX_TOKEN_LIFETIME_S, is not accepted.
    const system = await systemSignedIn('kos-drammen-fengsel', ['overgang:release-notices.write']);
    await request(referral).get('/api/v1/referrals/inbox').set(system).expect(401);
    const shared = jwt.sign({ org: '100000008', roles: ['prison-consultant'] }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
      subject: 'consultant-drammen-fengsel',
      issuer: issuerEntry('people').issuer,
      audience: 'overgang',
      expiresIn: 600,
    });
    await request(referral)
      .get('/api/v1/referrals/inbox')
      .set('Authorization', `Bearer ${shared}`)
      .expect(401);
    const longLived = await longLivedToken({
      sub: 'consultant-drammen-fengsel',
      org: '100000008',
      unit: 'drammen-fengsel-sosialkonsulent',
      roles: ['prison-consultant'],
    });
    await request(referral)
      .get('/api/v1/referrals/inbox')
      .set('Authorization', `Bearer ${longLived}`)
      .expect(401);

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const count = async (table: string) =>
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM referral.${table}`)).rows[0].n;
      const synthetic = aNationalId();
      const consent = await request(referral)
        .post('/api/v1/consents')
        .set('Authorization', consultant())
        .send(aConsent({ nationalId: synthetic }))
        .expect(400);
      expect(consent.body).toMatchObject({ code: 'NATIONAL_ID.SYNTHETIC', field: 'nationalId' });
      expect(consent.body.detail).not.toContain(synthetic);
      const notice = await request(referral)
        .post('/api/v1/referrals/release-notices')
        .set('Authorization', consultant())
        .send(aReleaseNotice({ nationalId: synthetic }))
        .expect(400);
      expect(notice.body.code).toBe('NATIONAL_ID.SYNTHETIC');
      expect(await count('consent')).toBe(0);
      expect(await count('referral')).toBe(0);

      // A number that is not from a test range is taken (from @navikt/fnrvalidator's own test data).
      await request(referral)
        .post('/api/v1/consents')
        .set('Authorization', consultant())
        .send(aConsent({ nationalId: '13097248022' }))
        .expect(201);
      expect(await count('consent')).toBe(1);
    } finally {
      await db.end();
    }
  });
});
