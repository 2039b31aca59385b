'use strict';
// The hub under load: release notices over HTTP through the gateway at a fixed rate, then at
// rising rates to find the highest it sustains without errors; for each accepted notice, the time
// from its 201 to the routing event and to its first opened clock; peak memory of each service.
require('../register-paths');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { randomUUID } = require('crypto');
const { Kafka, logLevel } = require('kafkajs');
const { launchServices } = require('../launcher');
const oidc = require('../oidc/provider');
const { pct } = require('./raw-bench');
const { syntheticNationalId } = require('@overgang/norway');

/** The bench's own identity provider, beside the hub's ports. */
const OIDC_PORT = 4110;
const PORTS = { gateway: 4100, 'referral-service': 4101, 'routing-service': 4102, 'deadline-service': 4103 };

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

let serial = 0;
function person() {
  serial++;
  const year = 1940 + (serial % 60);
  const day = 1 + (serial % 28);
  const month = 1 + (Math.floor(serial / 28) % 12);
  return syntheticNationalId(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, Math.floor(serial / 336) % 200);
}

async function post(base, token, path, body) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - started, body: text, at: Date.now() };
}

/** Registers consents ahead of the load, so the load measures release notices only. */
async function consents(base, token, count) {
  const today = isoDate(new Date());
  const validTo = isoDate(new Date(Date.now() + 180 * 86400_000));
  const out = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        next++;
        const nationalId = person();
        const res = await post(base, token, '/api/v1/consents', {
          nationalId,
          purposes: ['release-housing'],
          receivingOrganisationNumbers: ['100000016', '100000024'],
          validFrom: today,
          validTo,
          givenBy: 'person',
          evidenceReference: 'BENCH',
        });
        if (res.status === 201) out.push({ nationalId, consentId: JSON.parse(res.body).id });
      }
    }),
  );
  return out;
}

/** Sends `rate` release notices a second for `seconds`, on schedule, never waiting for answers. */
async function load(base, token, people, rate, seconds, accepted) {
  const release = isoDate(new Date(Date.now() + 60 * 86400_000));
  const total = Math.round(rate * seconds);
  const results = [];
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const p = people.pop();
    if (!p) break;
    inFlight.push(
      post(base, token, '/api/v1/referrals/release-notices', {
        nationalId: p.nationalId,
        name: 'Bench Eksempel',
        expectedReleaseDate: release,
        municipalityNumber: '3301',
        housingSituation: 'no-home',
        followUpNeeds: ['finances'],
        consentId: p.consentId,
      }).then((r) => {
        results.push(r);
        if (r.status === 201) accepted.set(JSON.parse(r.body).id, r.at);
      }, (err) => results.push({ status: 0, ms: 0, body: String(err) })),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  const ok = results.filter((r) => r.status === 201);
  return {
    targetPerSecond: rate,
    sent: results.length,
    acceptedPerSecond: Math.round((ok.length / elapsed) * 10) / 10,
    errors: results.length - ok.length,
    httpP50Ms: Math.round(pct(ok.map((r) => r.ms), 50) ?? 0),
    httpP99Ms: Math.round(pct(ok.map((r) => r.ms), 99) ?? 0),
  };
}

function peakRssMiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

async function runHubBench({ brokers, databaseUrl, log }) {
  const oidcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'overgang-bench-oidc-'));
  await oidc.startProvider({ dataDir: oidcDir, port: OIDC_PORT });
  try {
    return await benchHub({ brokers, databaseUrl, log });
  } finally {
    await oidc.stopProvider({ dataDir: oidcDir });
  }
}

async function benchHub({ brokers, databaseUrl, log }) {
  const hub = await launchServices({
    env: {
      ...process.env,
      // Not production: these run the demo directory, the local issuer and synthetic national IDs.
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers,
      AUTH_LOCAL_PROVIDER_URL: `http://127.0.0.1:${OIDC_PORT}`,
      LOG_LEVEL: 'warn',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      // The load generator is one user at one address, far above any real caller's rate.
      THROTTLE_USER_LIMIT: '100000000',
      THROTTLE_ADDRESS_LIMIT: '100000000',
    },
    ports: PORTS,
    extra: { 'deadline-service': { DEADLINE_SWEEP_MS: '60000' } },
    onLine: (name, line, isError) => {
      if (isError) log(`${name}: ${line.slice(0, 300)}`);
    },
  });
  const kafka = new Kafka({ clientId: 'bench-watch', brokers: [brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-watch-${randomUUID()}` });
  const routedAt = new Map();
  const openedAt = new Map();
  try {
    const base = hub.urls.gateway;
    // Asked for once: a run is shorter than the token's hour.
    const token = await oidc.personToken(OIDC_PORT, 'consultant-drammen-fengsel');
    // The referral service is ready once the routing service's recipient map has reached it.
    await consumer.connect();
    await consumer.subscribe({ topics: ['routing.referral-routed.v1', 'deadline.opened.v1'], fromBeginning: false });
    let joined;
    const ready = new Promise((r) => (joined = r));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const id = message.key.toString();
        const at = Number(message.timestamp);
        const map = topic === 'routing.referral-routed.v1' ? routedAt : openedAt;
        if (!map.has(id)) map.set(id, at);
      },
    });
    await ready;

    const fixedRate = Number(process.env.BENCH_FIXED_RATE || 20);
    const steps = (process.env.BENCH_RATES || '40,80,120,160,240,320').split(',').map(Number);
    const seconds = Number(process.env.BENCH_STEP_SECONDS || 10);
    const need = Math.round((fixedRate + steps.reduce((a, b) => a + b, 0)) * seconds * 1.05) + 200;
    let t = Date.now();
    const people = await consents(base, token, need);
    log(`${people.length} consents registered in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await load(base, token, people, 5, 2, new Map()); // warm-up, not measured

    const fixedAccepted = new Map();
    const fixed = await load(base, token, people, fixedRate, seconds * 1.5, fixedAccepted);
    log(`fixed ${fixedRate}/s: ${JSON.stringify(fixed)}`);
    const stepResults = [];
    let sustained = fixed.errors === 0 ? fixed.acceptedPerSecond : 0;
    for (const rate of steps) {
      const r = await load(base, token, people, rate, seconds, new Map());
      stepResults.push(r);
      log(`step ${rate}/s: ${JSON.stringify(r)}`);
      const holds = r.errors === 0 && r.acceptedPerSecond >= rate * 0.9 && r.httpP99Ms < 2000;
      if (!holds) break;
      sustained = r.acceptedPerSecond;
    }
    // Wait for the fixed-rate notices' events, then measure from 201 to each.
    const until = Date.now() + 60_000;
    while (Date.now() < until && [...fixedAccepted.keys()].some((id) => !routedAt.has(id) || !openedAt.has(id))) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const toRouted = [...fixedAccepted].filter(([id]) => routedAt.has(id)).map(([id, at]) => routedAt.get(id) - at);
    const toOpened = [...fixedAccepted].filter(([id]) => openedAt.has(id)).map(([id, at]) => openedAt.get(id) - at);
    const summary = (xs) => ({ count: xs.length, p50Ms: pct(xs, 50), p95Ms: pct(xs, 95), p99Ms: pct(xs, 99) });
    const memory = Object.fromEntries(Object.entries(hub.children).map(([name, c]) => [name, peakRssMiB(c.pid)]));
    return { fixed, steps: stepResults, sustainedPerSecond: sustained, toRouted: summary(toRouted), toOpened: summary(toOpened), peakRssMiB: memory };
  } finally {
    await consumer.disconnect().catch(() => {});
    await hub.stop();
  }
}

module.exports = { runHubBench };
