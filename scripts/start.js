'use strict';
// `npm start`: the whole hub on this machine — Kafka (KRaft, from Maven Central), PostgreSQL
// (the local server, or an embedded one), the four services and demo data. Ctrl-C stops it all.
const path = require('path');
const fs = require('fs');
const { spawn } = require('child_process');
const kafka = require('./kafka/kafka');
const { resolvePostgres } = require('./postgres');
const { DEV_SECRET, issue, demoUsers } = require('./token');
const { seedDemo } = require('./demo-data');

const ROOT = path.join(__dirname, '..');
const DATA = path.join(ROOT, '.data');
const PORTS = { gateway: 3000, 'referral-service': 3001, 'routing-service': 3002, 'deadline-service': 3003 };
const log = (m) => console.log(`[overgang] ${m}`);

async function waitForHealth(name, url, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = await res.text();
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not become healthy at ${url}: ${last}`);
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'apps'))) throw new Error('dist/ is missing: run npm run build');
  const children = [];
  let kafkaDir = null;
  let pg = null;
  const shutdown = async (code) => {
    log('stopping…');
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))));
    if (kafkaDir) await kafka.stopBroker({ dataDir: kafkaDir });
    if (pg) await pg.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

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
    pg = await resolvePostgres({ database: process.env.OVERGANG_DATABASE || 'overgang', dataDir: path.join(DATA, 'pg'), log });
    log(`PostgreSQL: ${pg.source}`);

    const common = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || 'development',
      DATABASE_URL: pg.url,
      KAFKA_BROKERS: brokers,
      AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET || DEV_SECRET,
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
    const urls = Object.fromEntries(
      Object.entries(PORTS).map(([name, port]) => [name, `http://127.0.0.1:${process.env[`${name.toUpperCase().replace('-', '_')}_PORT`] || port}`]),
    );
    const envFor = {
      'routing-service': {
        DIRECTORY_SEED_FILE: path.join(ROOT, 'apps', 'routing-service', 'src', 'directory', 'fixtures', 'demo-directory.json'),
      },
      'deadline-service': {},
      'referral-service': {},
      gateway: {
        REFERRAL_SERVICE_URL: urls['referral-service'],
        ROUTING_SERVICE_URL: urls['routing-service'],
        DEADLINE_SERVICE_URL: urls['deadline-service'],
      },
    };
    for (const name of ['routing-service', 'deadline-service', 'referral-service', 'gateway']) {
      const child = spawn(
        process.execPath,
        ['-r', path.join(__dirname, 'register-paths.js'), path.join(ROOT, 'dist', 'apps', name, 'src', 'main.js')],
        { env: { ...common, ...envFor[name], PORT: new URL(urls[name]).port }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const prefix = (stream, out) =>
        stream.on('data', (buf) => {
          for (const line of buf.toString().split('\n')) if (line.trim()) out.write(`${name.padEnd(16)} | ${line}\n`);
        });
      prefix(child.stdout, process.stdout);
      prefix(child.stderr, process.stderr);
      child.on('exit', (code) => {
        if (code !== 0 && code !== null) {
          log(`${name} exited with code ${code}`);
          void shutdown(1);
        }
      });
      children.push(child);
    }
    for (const name of ['routing-service', 'deadline-service', 'referral-service', 'gateway']) {
      await waitForHealth(name, `${urls[name]}/health`);
    }
    const gateway = urls.gateway;
    const seeded = await seedDemo(gateway, (id) => {
      const u = demoUsers().find((x) => x.id === id);
      return issue({ sub: u.id, org: u.organisationNumber, unit: u.unitId, roles: u.roles });
    });
    log(seeded ? `demo data: release notice ${seeded} submitted from Drammen fengsel` : 'demo data: already there');
    log('');
    log(`The hub is up: ${gateway}  (API docs: ${gateway}/docs)`);
    log('Get a token:  TOKEN=$(npm run -s token -- cp-nav-drammen-1)   (list users: npm run -s token -- --list)');
    log(`Then:         curl -s -H "Authorization: Bearer $TOKEN" ${gateway}/api/v1/referrals/inbox`);
    log('Ctrl-C stops everything.');
  } catch (err) {
    console.error(`[overgang] could not start: ${err.message}`);
    await shutdown(1);
  }
}

void main();
