'use strict';
// The four hub processes for the fault suite: started by the launcher `npm start` uses, and
// killed, restarted or re-run under a skewed clock one at a time.
const fs = require('fs');
const { spawn } = require('child_process');
const { launchServices, waitForHealth } = require('../launcher');
const { alive, signal, waitGone } = require('./procs');

const SERVICES = ['routing-service', 'deadline-service', 'referral-service', 'gateway'];

/** The environment a process was started with: a restart gets exactly the same one. */
function environOf(pid) {
  const raw = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
  return Object.fromEntries(
    raw
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

class Hub {
  constructor({ env, ports, extra, logFile, onPids = () => {} }) {
    this.env = env;
    this.ports = ports;
    this.extra = extra;
    this.log = fs.createWriteStream(logFile, { flags: 'a' });
    this.onPids = onPids;
    /** The last warnings and errors of each service, quoted as evidence in the report. */
    this.recent = Object.fromEntries(SERVICES.map((s) => [s, []]));
    this.launched = null;
    this.envs = {};
    this.commands = {};
  }

  line(name, text, isError) {
    if (!this.log.writableEnded) this.log.write(`${new Date().toISOString()} ${name.padEnd(16)} | ${text}\n`);
    if (isError || /\b(WARN|ERROR)\b/.test(text)) {
      const list = this.recent[name];
      list.push(`${new Date().toISOString().slice(11, 23)} ${text.slice(0, 400)}`);
      if (list.length > 300) list.shift();
    }
  }

  async start() {
    this.launched = await launchServices({
      env: this.env,
      ports: this.ports,
      extra: this.extra,
      onLine: (name, text, isError) => this.line(name, text, isError),
    });
    for (const name of SERVICES) {
      const child = this.launched.children[name];
      this.envs[name] = environOf(child.pid);
      this.commands[name] = { file: child.spawnfile, args: child.spawnargs.slice(1) };
    }
    this.onPids(this.pids());
    return this;
  }

  get urls() {
    return this.launched.urls;
  }

  pid(name) {
    return this.launched.children[name].pid;
  }

  pids() {
    return SERVICES.map((s) => this.launched?.children[s]?.pid).filter(Boolean);
  }

  signal(name, sig) {
    signal(this.pid(name), sig);
  }

  async kill(name) {
    const pid = this.pid(name);
    signal(pid, 'SIGKILL');
    if (!(await waitGone([pid], 10_000))) throw new Error(`${name} (pid ${pid}) survived SIGKILL`);
  }

  /** Starts `name` again with its original command and environment, plus `env` (null deletes). */
  spawn(name, env = {}) {
    const merged = { ...this.envs[name] };
    for (const [k, v] of Object.entries(env)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    const { file, args } = this.commands[name];
    const child = spawn(file, args, { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const [stream, isError] of [
      [child.stdout, false],
      [child.stderr, true],
    ]) {
      stream.on('data', (buf) => {
        for (const text of buf.toString().split('\n')) if (text.trim()) this.line(name, text, isError);
      });
    }
    child.on('error', (err) => this.line(name, `spawn failed: ${err.message}`, true));
    this.launched.children[name] = child;
    this.onPids(this.pids());
    return child;
  }

  /** SIGTERM, SIGKILL after the grace period: for a planned restart (e.g. under another clock). */
  async stopOne(name, graceMs = 10_000) {
    const child = this.launched.children[name];
    if (!alive(child.pid)) return;
    signal(child.pid, 'SIGTERM');
    if (!(await waitGone([child.pid], graceMs))) await this.kill(name);
  }

  health(name, timeoutMs) {
    return waitForHealth(name, `${this.urls[name]}/health`, timeoutMs);
  }

  async stop(graceMs = 10_000) {
    if (!this.launched) return;
    for (const pid of this.pids()) signal(pid, 'SIGCONT');
    await this.launched.stop(graceMs);
    await new Promise((r) => this.log.end(r));
  }
}

module.exports = { Hub, SERVICES };
