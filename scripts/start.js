'use strict';
// `npm start`: the whole hub on this machine — Kafka (KRaft, from Maven Central), PostgreSQL
// (the local server, or an embedded one), the four services and demo data. Ctrl-C stops it all.
const path = require('path');
const fs = require('fs');
const kafka = require('./kafka/kafka');
const oidc = require('./oidc/provider');
const { resolvePostgres } = require('./postgres');
const { providerToken, oidcPort } = require('./token');
const { seedDemo } = require('./demo-data');
const { launchServices } = require('./launcher');

const ROOT = path.join(__dirname, '..');
// OVERGANG_DATA_DIR: another place for Kafka's (and an embedded PostgreSQL's) data, e.g. a fresh one
// for scripts/walkthrough.
const DATA = process.env.OVERGANG_DATA_DIR
  ? path.resolve(process.env.OVERGANG_DATA_DIR)
  : path.join(ROOT, '.data');
const PORTS = { gateway: 3000, 'referral-service': 3001, 'routing-service': 3002, 'deadline-service': 3003 };
const log = (m) => console.log(`[overgang] ${m}`);

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'apps'))) throw new Error('dist/ is missing: run npm run build');
  if (process.env.NODE_ENV === 'production') {
    // The demo launcher brings the demo directory, its users and the development secret: none of them
    // belongs in production, which starts each service with its own settings (README, Production mode).
    throw new Error('npm start is the local demo launcher; it does not run with NODE_ENV=production');
  }
  let hub = null;
  let kafkaDir = null;
  let oidcDir = null;
  let pg = null;
  let stopping = false;
  const shutdown = async (code, graceMs) => {
    if (stopping) return;
    stopping = true;
    log('stopping… (Ctrl-C again to kill at once)');
    // Each step is bounded and runs even when the one before it failed: nothing is left running.
    await hub?.stop(graceMs).catch((err) => log(`services: ${err.message}`));
    if (oidcDir) await oidc.stopProvider({ dataDir: oidcDir }).catch((err) => log(`identity provider: ${err.message}`));
    if (kafkaDir) await kafka.stopBroker({ dataDir: kafkaDir }).catch((err) => log(`Kafka: ${err.message}`));
    await pg?.stop().catch((err) => log(`PostgreSQL: ${err.message}`));
    process.exit(code);
  };
  const onSignal = () => {
    if (stopping && hub) {
      // A second Ctrl-C: no more grace.
      for (const c of Object.values(hub.children)) if (c.exitCode === null) c.kill('SIGKILL');
      return;
    }
    void shutdown(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    let brokers = process.env.KAFKA_BROKERS;
    if (!brokers) {
      log('fetching Apache Kafka from Maven Central (cached after the first time)…');
      await kafka.fetchJars({ log });
      kafkaDir = path.join(DATA, 'kafka');
      const port = Number(process.env.KAFKA_PORT || 9092);
      brokers = (await kafka.startBroker({ dataDir: kafkaDir, port, controllerPort: port + 1, log })).brokers;
    }
    log(`Kafka: ${brokers}`);
    // AUTH_LOCAL_PROVIDER_URL: a provider already running (the fault suite's), as KAFKA_BROKERS is for Kafka.
    let providerUrl = process.env.AUTH_LOCAL_PROVIDER_URL;
    if (!providerUrl) {
      log('fetching the identity provider (mock-oauth2-server) from Maven Central (cached after the first time)…');
      oidcDir = path.join(DATA, 'oidc');
      providerUrl = `http://127.0.0.1:${(await oidc.startProvider({ dataDir: oidcDir, port: oidcPort(), log })).port}`;
    }
    log(`identity provider: ${providerUrl}`);
    pg = await resolvePostgres({
      database: process.env.OVERGANG_DATABASE || 'overgang',
      dataDir: path.join(DATA, 'pg'),
      log,
    });
    log(`PostgreSQL: ${pg.source}`);

    const ports = Object.fromEntries(
      Object.entries(PORTS).map(([name, port]) => [
        name,
        Number(process.env[`${name.toUpperCase().replace('-', '_')}_PORT`] || port),
      ]),
    );
    hub = await launchServices({
      env: {
        ...process.env,
        NODE_ENV: process.env.NODE_ENV || 'development',
        DATABASE_URL: pg.url,
        KAFKA_BROKERS: brokers,
        AUTH_LOCAL_PROVIDER_URL: providerUrl,
        // The gateway signs browsers in at the provider's people issuer.
        OIDC_ISSUER: `${providerUrl}/ansatt`,
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
      },
      ports,
      onLine: (name, line, isError) =>
        (isError ? process.stderr : process.stdout).write(`${name.padEnd(16)} | ${line}\n`),
      onExit: (name, code) => {
        if (code !== 0 && code !== null && !stopping) {
          log(`${name} exited with code ${code}`);
          void shutdown(1);
        }
      },
    });
    const gateway = hub.urls.gateway;
    const seeded = await seedDemo(gateway, (user) => providerToken(user, Number(new URL(providerUrl).port)));
    log(
      seeded
        ? `demo data: release notice ${seeded} submitted from Drammen fengsel`
        : 'demo data: already there',
    );
    log('');
    log(`The hub is up: ${gateway}  (API docs: ${gateway}/docs)`);
    log(
      'Get a token:  TOKEN=$(npm run -s token -- cp-nav-drammen-1)   (list users: npm run -s token -- --list)',
    );
    log(`Then:         curl -s -H "Authorization: Bearer $TOKEN" ${gateway}/api/v1/referrals/inbox`);
    log('Ctrl-C stops everything.');
  } catch (err) {
    console.error(`[overgang] could not start: ${err.message}`);
    await shutdown(1);
  }
}

void main();
