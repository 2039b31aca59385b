'use strict';
// Starts the four hub processes from dist/ (used by `npm start` and `npm run bench`).
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.join(__dirname, '..');
const ORDER = ['routing-service', 'deadline-service', 'referral-service', 'gateway'];
const DEMO_DIRECTORY = path.join(
  ROOT,
  'apps',
  'routing-service',
  'src',
  'directory',
  'fixtures',
  'demo-directory.json',
);

const STOP_GRACE_MS = 10_000;

const exited = (child) => child.exitCode !== null || child.signalCode !== null;

/**
 * Asks every child to stop (SIGTERM) and kills (SIGKILL) whichever has not exited after the grace
 * period: a service that hangs in its shutdown (a stuck pool, a broker that does not answer) never
 * outlives the launcher.
 */
async function stopChildren(all, graceMs = STOP_GRACE_MS) {
  const gone = all.map((c) => (exited(c) ? Promise.resolve() : new Promise((r) => c.once('exit', r))));
  for (const c of all) if (!exited(c)) c.kill('SIGTERM');
  let timer;
  const grace = new Promise((r) => (timer = setTimeout(r, graceMs)));
  await Promise.race([Promise.all(gone), grace]);
  clearTimeout(timer);
  for (const c of all) if (!exited(c)) c.kill('SIGKILL');
  await Promise.all(gone);
}

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

/**
 * Spawns the services with `env` plus their own settings and waits until each answers /health.
 * `ports` maps service name → port; `onLine(name, line, isError)` receives their output.
 * Returns { urls, children, stop() }.
 */
async function launchServices({ env, ports, extra = {}, onLine = () => {}, onExit = () => {} }) {
  const urls = Object.fromEntries(ORDER.map((name) => [name, `http://127.0.0.1:${ports[name]}`]));
  const own = {
    'routing-service': { DIRECTORY_SEED_FILE: DEMO_DIRECTORY },
    'deadline-service': {},
    'referral-service': {},
    gateway: {
      REFERRAL_SERVICE_URL: urls['referral-service'],
      ROUTING_SERVICE_URL: urls['routing-service'],
      DEADLINE_SERVICE_URL: urls['deadline-service'],
    },
  };
  const children = {};
  for (const name of ORDER) {
    const child = spawn(
      process.execPath,
      [
        '-r',
        path.join(__dirname, 'register-paths.js'),
        path.join(ROOT, 'dist', 'apps', name, 'src', 'main.js'),
      ],
      {
        env: { ...env, ...own[name], ...(extra[name] ?? {}), PORT: String(ports[name]) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const [stream, isError] of [
      [child.stdout, false],
      [child.stderr, true],
    ]) {
      stream.on('data', (buf) => {
        for (const line of buf.toString().split('\n')) if (line.trim()) onLine(name, line, isError);
      });
    }
    child.on('exit', (code) => onExit(name, code));
    children[name] = child;
  }
  const stop = (graceMs = STOP_GRACE_MS) => stopChildren(Object.values(children), graceMs);
  try {
    for (const name of ORDER) await waitForHealth(name, `${urls[name]}/health`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { urls, children, stop };
}

module.exports = { launchServices, waitForHealth, stopChildren, ORDER, DEMO_DIRECTORY };
