'use strict';
// `npm run test:faults`: the hub on its own Kafka broker and its own embedded PostgreSQL, put
// through broker, consumer, database, replay, load and clock faults; see README "Fault suite".
require('reflect-metadata');
require('../register-paths');
const fs = require('fs');
const os = require('os');
const path = require('path');
const kafka = require('../kafka/kafka');
const oidc = require('../oidc/provider');
const { BASE, Broker, Postgres, removeLeftovers, recordServicePids, assertPortsFree } = require('./infra');
const { Hub, SERVICES } = require('./hub');
const { Observer } = require('./checks');
const { writeReport } = require('./report');
const scenarios = require('./scenarios');
const { ctrlC } = require('./ctrl-c');

const KAFKA_PORT = 29092;
const PG_PORT = 25432;
const PORTS = {
  gateway: 23000,
  'referral-service': 23001,
  'routing-service': 23002,
  'deadline-service': 23003,
};
const OIDC_PORT = 23020;
const CTRL_C_PORTS = {
  gateway: 23010,
  'referral-service': 23011,
  'routing-service': 23012,
  'deadline-service': 23013,
};
/** The whole suite, after the build; CI allows 10 minutes including it. */
const BUDGET_MS = Number(process.env.FAULTS_BUDGET_MS || 540_000);

const t0 = Date.now();
const log = (m) =>
  process.stderr.write(`[faults ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${m}\n`);

// The suite's own identity provider signs the clients' tokens; the services trust it.
process.env.AUTH_LOCAL_PROVIDER_URL = `http://127.0.0.1:${OIDC_PORT}`;
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

const state = { hub: null, broker: null, pg: null, oidc: null, observer: null, cleaning: null };

function cleanup() {
  state.cleaning ??= (async () => {
    await state.observer?.close().catch(() => {});
    await state.hub?.stop(5000).catch((err) => log(`stopping services: ${err.message}`));
    await state.broker?.stop().catch((err) => log(`stopping Kafka: ${err.message}`));
    await state.pg?.stop().catch((err) => log(`stopping PostgreSQL: ${err.message}`));
    if (state.oidc) await oidc.stopProvider({ dataDir: state.oidc }).catch((err) => log(`stopping the provider: ${err.message}`));
  })();
  return state.cleaning;
}

function notRun(name, reason) {
  return {
    name,
    submitted: null,
    accepted: null,
    lost: null,
    doubled: null,
    recoverySeconds: null,
    passed: false,
    failures: [reason],
    notes: [],
  };
}

async function main() {
  const startedAt = new Date().toISOString();
  if (!fs.existsSync(path.join(__dirname, '..', '..', 'dist', 'apps')))
    throw new Error('dist/ is missing: run npm run build');
  await removeLeftovers(log);
  await assertPortsFree([
    KAFKA_PORT,
    KAFKA_PORT + 1,
    PG_PORT,
    OIDC_PORT,
    ...Object.values(PORTS),
    ...Object.values(CTRL_C_PORTS),
  ]);
  fs.mkdirSync(BASE, { recursive: true });

  await kafka.fetchJars();
  state.broker = await new Broker(KAFKA_PORT).start();
  log(`Kafka on ${state.broker.brokers} (pid ${state.broker.pid})`);
  state.oidc = path.join(BASE, 'oidc');
  await oidc.startProvider({ dataDir: state.oidc, port: OIDC_PORT });
  log(`identity provider on ${process.env.AUTH_LOCAL_PROVIDER_URL}`);
  state.pg = await new Postgres(PG_PORT).start('overgang_faults');
  log(`embedded PostgreSQL on 127.0.0.1:${PG_PORT}`);
  const logFile = path.join(BASE, 'services.log');
  state.hub = new Hub({
    env: {
      ...process.env,
      // Not production: these run the demo directory, the local issuer and synthetic national IDs.
      NODE_ENV: 'test',
      DATABASE_URL: state.pg.url,
      KAFKA_BROKERS: state.broker.brokers,
      LOG_LEVEL: 'warn',
      // The clients are a few users at one address sending bursts well above real use.
      THROTTLE_USER_LIMIT: '100000000',
      THROTTLE_ADDRESS_LIMIT: '100000000',
    },
    ports: PORTS,
    extra: { 'deadline-service': { DEADLINE_SWEEP_MS: '1000' } },
    logFile,
    onPids: recordServicePids,
  });
  await state.hub.start();
  log(`hub up: ${state.hub.urls.gateway} (services log: ${logFile})`);
  const ctx = {
    hub: state.hub,
    broker: state.broker,
    pg: state.pg,
    observer: (state.observer = new Observer({ databaseUrl: state.pg.url, brokers: state.broker.brokers })),
    log,
    strict5xx: process.env.FAULTS_STRICT_5XX === '1',
  };

  const rows = [];
  let earlier = [];
  const plan = [
    ['a. broker paused 15 s, then killed', () => scenarios.brokerFaults(ctx)],
    ...['routing-service', 'deadline-service', 'referral-service'].map((s) => [
      `b. ${s} killed mid-batch`,
      () => scenarios.killConsumer(ctx, s),
    ]),
    ['c. database stopped 10 s', () => scenarios.databaseStop(ctx)],
    ['d. replayed and reordered events', () => scenarios.replays(ctx, earlier)],
    ['e. 200 detail + 200 inbox reads at once', () => scenarios.readStorm(ctx, earlier)],
    ['f. deadline-service clock skewed', () => scenarios.clockSkew(ctx)],
  ];
  for (const [name, run] of plan) {
    if (Date.now() - t0 > BUDGET_MS - 60_000) {
      rows.push(notRun(name, 'not run: the suite ran out of its time budget'));
      continue;
    }
    log(`${name}…`);
    try {
      const row = await run();
      rows.push(row);
      if (earlier.length === 0) earlier = row.acceptedResults ?? [];
      log(
        `  ${row.passed ? 'pass' : 'FAIL'}: ${row.accepted}/${row.submitted} accepted, lost ${row.lost}, doubled ${row.doubled}, recovery ${row.recoverySeconds ?? '—'} s${row.passed ? '' : ` — ${row.failures.join(' / ').slice(0, 600)}`}`,
      );
    } catch (err) {
      rows.push(notRun(name, `the scenario itself failed: ${err.stack?.split('\n').slice(0, 3).join(' ')}`));
      log(`  FAIL: ${err.stack}`);
      // A fault left half-injected would spoil every later scenario.
      state.pg.thaw();
      state.broker.resume();
      for (const pid of state.hub.pids()) process.kill(pid, 'SIGCONT');
    }
  }
  for (const r of rows) delete r.acceptedResults;

  await state.observer.close();
  state.observer = null;
  await state.hub.stop(5000);
  state.hub = null;
  if (Date.now() - t0 < BUDGET_MS - 40_000) {
    log('ctrl-c check…');
    rows.push(
      await ctrlC({
        brokers: state.broker.brokers,
        databaseUrl: state.pg.url,
        ports: CTRL_C_PORTS,
        log,
      }),
    );
  } else rows.push(notRun('ctrl-c with a frozen service', 'not run: the suite ran out of its time budget'));

  await cleanup();
  const report = {
    startedAt,
    durationSeconds: Math.round((Date.now() - t0) / 1000),
    machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, Kafka ${kafka.KAFKA_VERSION}`,
    ports: {
      kafka: KAFKA_PORT,
      postgres: PG_PORT,
      services: `${PORTS.gateway}–${PORTS['deadline-service']}`,
    },
    services: SERVICES,
    scenarios: rows,
  };
  console.log(writeReport(report).replace(/\n\d+ passed, \d+ failed\n$/, '\n'));
  const passed = rows.filter((r) => r.passed).length;
  console.log(`${passed} passed, ${rows.length - passed} failed`);
  return rows.length - passed === 0 ? 0 : 1;
}

const watchdog = setTimeout(() => {
  log(`the suite exceeded ${BUDGET_MS / 1000} s; stopping everything`);
  void cleanup().finally(() => process.exit(1));
}, BUDGET_MS + 30_000);
watchdog.unref();

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: stopping everything`);
    void cleanup().finally(() => process.exit(130));
  });
}

main().then(
  (code) => cleanup().finally(() => process.exit(code)),
  (err) => {
    console.error(`[faults] could not run: ${err.stack}`);
    void cleanup().finally(() => {
      console.log('0 passed, 1 failed');
      process.exit(1);
    });
  },
);
