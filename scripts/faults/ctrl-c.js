'use strict';
// Ctrl-C on `npm start` while one service is frozen: every process it started must be gone within
// the launcher's grace period (10 s) plus a little, the frozen one killed rather than waited for.
const path = require('path');
const { spawn } = require('child_process');
const { setTimeout: sleep } = require('timers/promises');
const { alive, signal, cmdline, descendants, waitGone } = require('./procs');

const ROOT = path.join(__dirname, '..', '..');
const GRACE_MS = 10_000;
const MARGIN_MS = 5_000;

async function ctrlC({ brokers, databaseUrl, ports, log }) {
  const row = {
    name: 'ctrl-c with a frozen service',
    submitted: null,
    accepted: null,
    lost: null,
    doubled: null,
    recoverySeconds: null,
    passed: false,
    failures: [],
    notes: [],
  };
  const env = {
    ...process.env,
    KAFKA_BROKERS: brokers,
    DATABASE_URL: databaseUrl,
    OVERGANG_DATABASE: 'overgang_faults_ctrlc',
    LOG_LEVEL: 'warn',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    GATEWAY_PORT: String(ports.gateway),
    REFERRAL_SERVICE_PORT: String(ports['referral-service']),
    ROUTING_SERVICE_PORT: String(ports['routing-service']),
    DEADLINE_SERVICE_PORT: String(ports['deadline-service']),
  };
  delete env.OVERGANG_EMBEDDED_PG;
  // Its own process group, like a shell's foreground job: Ctrl-C signals the whole group.
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js')], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const up = new Promise((resolve) => {
    const onData = (buf) => {
      output = (output + buf.toString()).slice(-4000);
      if (output.includes('The hub is up')) resolve(true);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => resolve(false));
  });
  let started = [];
  try {
    const ready = await Promise.race([up, sleep(120_000).then(() => false)]);
    if (!ready) {
      row.failures.push(`npm start (scripts/start.js) did not come up: ${output.slice(-400)}`);
      return row;
    }
    started = descendants(child.pid).filter((pid) => cmdline(pid).includes(`dist${path.sep}apps`));
    const frozen = started.find((pid) => cmdline(pid).includes('referral-service'));
    if (started.length !== 4 || !frozen) {
      row.failures.push(`expected 4 services under start.js, found ${started.length}`);
      return row;
    }
    signal(frozen, 'SIGSTOP');
    const t0 = Date.now();
    process.kill(-child.pid, 'SIGINT');
    const all = [child.pid, ...started];
    const gone = await waitGone(all, GRACE_MS + MARGIN_MS);
    const seconds = (Date.now() - t0) / 1000;
    row.recoverySeconds = Math.round(seconds * 10) / 10;
    row.fault = `SIGSTOP referral-service (pid ${frozen}), then SIGINT to the process group of scripts/start.js (pid ${child.pid})`;
    if (!gone) {
      const left = all.filter(alive).map((pid) => `${pid} ${cmdline(pid).slice(-60)}`);
      row.failures.push(`still running ${GRACE_MS + MARGIN_MS} ms after Ctrl-C: ${left.join(', ')}`);
    } else {
      row.notes.push(
        `start.js and its 4 services all gone ${seconds.toFixed(1)} s after Ctrl-C (grace ${GRACE_MS / 1000} s); start.js exit code ${child.exitCode}, signal ${child.signalCode}`,
      );
    }
    row.passed = row.failures.length === 0;
    return row;
  } finally {
    for (const pid of [child.pid, ...started]) {
      if (alive(pid)) {
        signal(pid, 'SIGCONT');
        signal(pid, 'SIGKILL');
      }
    }
    await waitGone([child.pid, ...started], 5000);
    log?.(`ctrl-c check: ${row.passed ? 'passed' : row.failures.join('; ')}`);
  }
}

module.exports = { ctrlC };
