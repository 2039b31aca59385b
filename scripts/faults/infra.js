'use strict';
// The suite's own Kafka broker and PostgreSQL, on their own ports and data dirs, so a fault it
// injects can never reach the machine's shared PostgreSQL server or another test run's broker.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const kafka = require('../kafka/kafka');
const oidc = require('../oidc/provider');
const { resolvePostgres } = require('../postgres');
const { alive, signal, cmdline, descendants, waitGone } = require('./procs');

const BASE = path.join(os.tmpdir(), 'overgang-faults');
const KAFKA_DIR = path.join(BASE, 'kafka');
const PG_DIR = path.join(BASE, 'pg');
const PIDS_FILE = path.join(BASE, 'service-pids.json');

function postmasterPid() {
  try {
    const pid = Number(fs.readFileSync(path.join(PG_DIR, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return alive(pid) && cmdline(pid).includes(PG_DIR) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * A run killed half-way (SIGKILL, a crashed CI job) can leave its broker, postgres or services
 * behind, perhaps SIGSTOPped. They are found by this suite's own pid files and command lines only.
 */
async function removeLeftovers(log) {
  const pids = [];
  try {
    for (const pid of JSON.parse(fs.readFileSync(PIDS_FILE, 'utf8'))) {
      if (alive(pid) && /dist\/apps\/.*main\.js/.test(cmdline(pid))) pids.push(pid);
    }
  } catch {
    /* no earlier run */
  }
  const pm = postmasterPid();
  if (pm) pids.push(pm, ...descendants(pm));
  for (const pid of pids) signal(pid, 'SIGCONT');
  for (const pid of pids) signal(pid, 'SIGKILL');
  if (pids.length > 0) log(`removed ${pids.length} process(es) left by an earlier run`);
  await waitGone(pids, 10_000);
  const brokerPidFile = path.join(KAFKA_DIR, 'broker.pid');
  if (fs.existsSync(brokerPidFile)) {
    const pid = Number(fs.readFileSync(brokerPidFile, 'utf8'));
    if (alive(pid)) signal(pid, 'SIGCONT');
    await kafka.stopBroker({ dataDir: KAFKA_DIR });
  }
  await oidc.stopProvider({ dataDir: path.join(BASE, 'oidc') });
  fs.rmSync(BASE, { recursive: true, force: true });
}

function recordServicePids(pids) {
  fs.writeFileSync(PIDS_FILE, JSON.stringify(pids));
}

async function assertPortsFree(ports) {
  const busy = [];
  for (const p of ports) if (!(await kafka.isPortFree(p))) busy.push(p);
  if (busy.length > 0) throw new Error(`ports already in use on 127.0.0.1: ${busy.join(', ')}`);
}

class Broker {
  constructor(port) {
    this.port = port;
    this.pid = null;
    this.brokers = `127.0.0.1:${port}`;
  }

  async start() {
    const started = await kafka.startBroker({
      dataDir: KAFKA_DIR,
      port: this.port,
      controllerPort: this.port + 1,
    });
    this.pid = started.pid;
    return this;
  }

  pause() {
    signal(this.pid, 'SIGSTOP');
  }

  resume() {
    signal(this.pid, 'SIGCONT');
  }

  async kill() {
    signal(this.pid, 'SIGKILL');
    if (!(await waitGone([this.pid], 10_000))) throw new Error(`broker pid ${this.pid} survived SIGKILL`);
  }

  async stop() {
    if (this.pid && alive(this.pid)) signal(this.pid, 'SIGCONT');
    await kafka.stopBroker({ dataDir: KAFKA_DIR });
  }
}

class Postgres {
  constructor(port) {
    this.port = port;
    this.handle = null;
    this.stopped = [];
  }

  async start(database) {
    const before = process.env.EMBEDDED_PG_PORT;
    process.env.EMBEDDED_PG_PORT = String(this.port);
    try {
      this.handle = await resolvePostgres({ embedded: true, database, dataDir: PG_DIR, fresh: true });
    } finally {
      if (before === undefined) delete process.env.EMBEDDED_PG_PORT;
      else process.env.EMBEDDED_PG_PORT = before;
    }
    if (!postmasterPid()) throw new Error(`embedded PostgreSQL in ${PG_DIR} has no postmaster.pid`);
    this.url = this.handle.url;
    return this;
  }

  /** SIGSTOP of the postmaster and every backend and helper it forked: the database freezes. */
  freeze() {
    const pm = postmasterPid();
    if (!pm) throw new Error('the embedded postmaster is not running');
    this.stopped = [pm, ...descendants(pm)];
    for (const pid of this.stopped) signal(pid, 'SIGSTOP');
    return this.stopped.length;
  }

  thaw() {
    for (const pid of [...this.stopped].reverse()) signal(pid, 'SIGCONT');
    this.stopped = [];
  }

  async stop() {
    this.thaw();
    let timer;
    const bounded = new Promise((r) => (timer = setTimeout(r, 15_000)));
    await Promise.race([this.handle?.stop().catch(() => {}), bounded]);
    clearTimeout(timer);
    const pm = postmasterPid();
    if (pm) {
      signal(pm, 'SIGKILL');
      await waitGone([pm], 5000);
    }
  }
}

const FAKETIME_LIBS = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/faketime/libfaketimeMT.so.1',
  '/usr/local/lib/faketime/libfaketimeMT.so.1',
];

const findFaketime = () => FAKETIME_LIBS.find((f) => fs.existsSync(f)) ?? null;

/**
 * libfaketime (Debian's `faketime` package) for the clock-skew scenario; installed with apt-get
 * when missing and the suite runs as root. Returns { lib } or { reason }.
 */
function ensureFaketime(log) {
  let lib = findFaketime();
  if (lib) return { lib };
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!asRoot || spawnSync('which', ['apt-get']).status !== 0) {
    return { reason: 'libfaketime is missing and cannot be installed here (apt-get install -y faketime)' };
  }
  const apt = (args) =>
    spawnSync('apt-get', args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 180_000,
      encoding: 'utf8',
    });
  log('installing libfaketime: apt-get install -y faketime');
  let r = apt(['install', '-y', '--no-install-recommends', 'faketime']);
  if (r.status !== 0) {
    apt(['update']);
    r = apt(['install', '-y', '--no-install-recommends', 'faketime']);
  }
  lib = findFaketime();
  return lib
    ? { lib }
    : {
        reason: `apt-get install -y faketime failed: ${(r.stderr || r.error?.message || '').trim().slice(-300)}`,
      };
}

module.exports = {
  BASE,
  Broker,
  Postgres,
  removeLeftovers,
  recordServicePids,
  assertPortsFree,
  ensureFaketime,
};
