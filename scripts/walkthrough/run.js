'use strict';
// Runs the README's curl walk-throughs as written against a fresh `npm start`:
//   node scripts/walkthrough/run.js [--no-build]
// Takes every ```bash block of the walk-through sections, in order, into one bash session with
// `set -euo pipefail`, against a hub started by `npm start` (`--no-build`: `node scripts/start.js`,
// for a dist/ that is already built) on free ports, with a fresh Kafka data dir and a fresh database
// (WALKTHROUGH_DATABASE, default overgang_walkthrough). Logs go to WALKTHROUGH_OUTPUT_DIR
// (default .test-output/walkthrough). The blocks' output (synthetic national IDs,
// demo names) goes to files only; this prints a summary, and on failure the tail of the output with
// every national ID and test name masked. Exit code 0 when every block ran through.
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');
const { resolvePostgres } = require('../postgres');
const kafka = require('../kafka/kafka');
const { scanText, collectTestNames } = require('../log-scan');

const ROOT = path.join(__dirname, '..', '..');
const README = path.join(ROOT, 'README.md');
/** The README sections whose ```bash blocks are the walk-throughs, in the order they run. */
const SECTIONS = [
  'Walk-through with curl (the release notice)',
  'The other three referral types, with curl',
  'The API (through the gateway, one origin)',
];
const START_TIMEOUT_MS = Number(process.env.WALKTHROUGH_START_TIMEOUT_MS || 300_000);
const RUN_TIMEOUT_MS = Number(process.env.WALKTHROUGH_RUN_TIMEOUT_MS || 300_000);

/** The ```bash blocks of the named `## ` sections: [{ section, line, code }], in README order. */
function extractBlocks(markdown, sections = SECTIONS) {
  const lines = markdown.split('\n');
  const blocks = [];
  let section = null;
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.+)$/.exec(lines[i]);
    if (heading) {
      section = sections.includes(heading[1].trim()) ? heading[1].trim() : null;
      continue;
    }
    if (section && /^```bash\s*$/.test(lines[i])) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      if (end === lines.length) throw new Error(`README.md line ${i + 1}: the bash block is never closed`);
      blocks.push({ section, line: start + 1, code: lines.slice(start, end).join('\n') });
      i = end;
    }
  }
  return blocks;
}

/** One bash script: the blocks in order, each announced, failing at the first command that fails. */
function script(blocks) {
  const parts = [
    'set -euo pipefail',
    `trap 'echo "walkthrough: a command failed (exit $?) at script line $LINENO" >&2' ERR`,
  ];
  blocks.forEach((b, n) => {
    parts.push(`echo; echo "=== walkthrough block ${n + 1}/${blocks.length}: README.md line ${b.line}"`);
    parts.push(b.code);
  });
  parts.push('echo; echo "=== walkthrough: every block ran"');
  return `${parts.join('\n')}\n`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A port whose next port is free too (Kafka's controller listens there). */
async function freePortPair() {
  for (;;) {
    const port = await freePort();
    if (port < 65535 && (await portIsFree(port + 1))) return port;
  }
}

/** The masked last lines of a text: never a national ID or a test person's name. */
function maskedTail(text, count = 60) {
  const lines = text.split(/\r?\n/);
  const from = Math.max(0, lines.length - count);
  const tail = lines.slice(from);
  const findings = new Map(scanText(tail.join('\n'), collectTestNames()).map((f) => [f.line, f.text]));
  return tail.map((l, i) => findings.get(i + 1) ?? l).join('\n');
}

function waitForLine(child, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => finish(new Error(`npm start was not up within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (buf) => {
      buffered = (buffered + buf.toString()).slice(-10_000);
      if (pattern.test(buffered)) finish();
    };
    const onExit = (code) => finish(new Error(`npm start exited (code ${code}) before the hub was up`));
    function finish(err) {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Resolves true once no process of the group is left (false after `ms`). */
async function groupGone(pgid, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function stopHub(child, dataDir) {
  // Ctrl-C, as in a terminal: SIGINT to the whole process group (started detached), on which
  // scripts/start.js stops the services, Kafka and PostgreSQL. Wait for every process of the group,
  // still reading its output, so none of them writes into a closed pipe and dies half-way.
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    // already gone
  }
  if (!(await groupGone(child.pid, 60_000))) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone in the meantime
    }
    await groupGone(child.pid, 5_000);
  }
  // Whatever happened above, no broker of ours outlives the run.
  await kafka.stopBroker({ dataDir: path.join(dataDir, 'kafka') }).catch(() => {});
}

async function main(argv) {
  const noBuild = argv.includes('--no-build');
  const shown = (file) => (path.relative(ROOT, file).startsWith('..') ? file : path.relative(ROOT, file));
  const blocks = extractBlocks(fs.readFileSync(README, 'utf8'));
  if (blocks.length === 0) throw new Error('README.md: no ```bash blocks in the walk-through sections');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'overgang-walkthrough-'));
  const outDir = path.resolve(
    process.env.WALKTHROUGH_OUTPUT_DIR || path.join(ROOT, '.test-output', 'walkthrough'),
  );
  fs.mkdirSync(outDir, { recursive: true });
  const hubLog = path.join(outDir, 'hub.log');
  const runLog = path.join(outDir, 'walkthrough.log');
  const scriptFile = path.join(outDir, 'walkthrough.sh');
  fs.writeFileSync(scriptFile, script(blocks));

  const database = process.env.WALKTHROUGH_DATABASE || 'overgang_walkthrough';
  const [gateway, referral, routing, deadline, kafkaPort, oidcPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePortPair(),
    await freePort(),
  ];
  // A fresh database every run (the embedded server, if that is what answers, keeps its data in dataDir).
  const pg = await resolvePostgres({ database, dataDir: path.join(dataDir, 'pg'), fresh: true });
  await pg.stop();

  const env = {
    ...process.env,
    NODE_ENV: 'development',
    OVERGANG_DATA_DIR: dataDir,
    OVERGANG_DATABASE: database,
    KAFKA_PORT: String(kafkaPort),
    GATEWAY_PORT: String(gateway),
    REFERRAL_SERVICE_PORT: String(referral),
    ROUTING_SERVICE_PORT: String(routing),
    DEADLINE_SERVICE_PORT: String(deadline),
    OVERGANG_OIDC_PORT: String(oidcPort),
  };
  delete env.KAFKA_BROKERS; // npm start's own broker, in the fresh data dir
  delete env.AUTH_LOCAL_PROVIDER_URL; // and its own identity provider, on OVERGANG_OIDC_PORT
  const [cmd, args] = noBuild ? [process.execPath, ['scripts/start.js']] : ['npm', ['start']];
  const hubOut = fs.openSync(hubLog, 'w');
  const hub = spawn(cmd, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  hub.stdout.on('data', (b) => fs.writeSync(hubOut, b));
  hub.stderr.on('data', (b) => fs.writeSync(hubOut, b));
  const hubUrl = `http://127.0.0.1:${gateway}`;
  let code = 1;
  const started = Date.now();
  try {
    await waitForLine(hub, /The hub is up/, START_TIMEOUT_MS);
    console.log(`walkthrough: hub up at ${hubUrl} after ${Math.round((Date.now() - started) / 1000)} s`);
    code = await new Promise((resolve) => {
      const out = fs.openSync(runLog, 'w');
      const bash = spawn('bash', [scriptFile], {
        cwd: ROOT,
        env: { ...process.env, HUB: hubUrl, NODE_ENV: 'development', OVERGANG_OIDC_PORT: String(oidcPort) },
        stdio: ['ignore', out, out],
      });
      const timer = setTimeout(() => {
        fs.writeSync(out, `\nwalkthrough: timed out after ${RUN_TIMEOUT_MS} ms\n`);
        bash.kill('SIGKILL');
      }, RUN_TIMEOUT_MS);
      bash.once('exit', (c) => {
        clearTimeout(timer);
        fs.closeSync(out);
        resolve(c ?? 1);
      });
    });
    const output = fs.readFileSync(runLog, 'utf8');
    const ran = (output.match(/^=== walkthrough block /gm) ?? []).length;
    if (code === 0) {
      console.log(`walkthrough: all ${blocks.length} README blocks ran through (output: ${shown(runLog)})`);
    } else {
      console.error(
        `walkthrough: FAILED in block ${ran}/${blocks.length} (exit ${code}); full output in ${shown(runLog)}, ` +
          `hub log in ${shown(hubLog)}, the script in ${shown(scriptFile)}. ` +
          `Last lines (national IDs and names masked):\n${maskedTail(output)}`,
      );
    }
  } catch (err) {
    console.error(
      `walkthrough: ${err.message}; hub log (masked):\n${maskedTail(fs.readFileSync(hubLog, 'utf8'), 40)}`,
    );
    code = 1;
  } finally {
    await stopHub(hub, dataDir);
    fs.closeSync(hubOut);
    if (code === 0) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return code;
}

module.exports = { extractBlocks, script };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`walkthrough: ${err.message}`);
      process.exit(1);
    },
  );
}
