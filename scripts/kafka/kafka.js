'use strict';
// A real single-node KRaft Kafka broker for local dev and tests, without Docker:
// the broker jars come from Maven Central (via scripts/kafka/pom.xml) and run on
// the JDK that is already on the machine.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const { KAFKA_VERSION, libsDir, fetchJars, run } = require('./jars');
const LOG4J_CONFIG = path.join(__dirname, 'log4j2.properties');
const STOP_TIMEOUT_MS = 20_000;
const POLL_MS = 250;

const noop = () => {};
const java = () => (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
const files = (dataDir) => ({
  props: path.join(dataDir, 'server.properties'),
  logDir: path.join(dataDir, 'logs'),
  meta: path.join(dataDir, 'logs', 'meta.properties'),
  brokerLog: path.join(dataDir, 'broker.log'),
  pid: path.join(dataDir, 'broker.pid'),
});

function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

// Same encoding as Kafka's Uuid.randomUuid(): 16 random bytes, base64url, no padding.
// Kafka never hands out ids starting with '-' because they look like CLI flags.
function randomClusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties({ dataDir, port, controllerPort }) {
  const props = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    // KRaft 4.x dynamic quorum: formatted with --standalone, this node is the only voter.
    'controller.quorum.bootstrap.servers': `127.0.0.1:${controllerPort}`,
    'controller.listener.names': 'CONTROLLER',
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': files(dataDir).logDir,
    // Single node: every internal topic must fit on one replica, and few partitions
    // keep the first consumer-group / transaction call fast.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    // Topics are created explicitly by the app; a typo must fail, not invent a topic.
    'auto.create.topics.enable': false,
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    // The cleaner allocates this buffer at start-up (128 MiB by default), a large
    // bite of a small dev heap for compacting a few test offsets.
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024,
  };
  return (
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n'
  );
}

function jvmArgs(libs, heapMb) {
  return [
    `-Xms${heapMb}m`,
    `-Xmx${heapMb}m`,
    // Sized for a 2-core dev/CI box: the serial GC has no GC threads competing with the tests,
    // and C1-only JIT starts faster (ready in ~1.3 s instead of ~1.8 s here) at a peak
    // throughput cost that tests don't notice.
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    // The '*' is expanded by java itself (no shell is involved).
    '-cp',
    path.join(libs, '*'),
  ];
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function readPid(dataDir) {
  try {
    const pid = Number.parseInt(fs.readFileSync(files(dataDir).pid, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  // A zombie (exited, not yet reaped) still answers kill(0).
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err; // already gone is fine
  }
}

// Guards against a stale pid file whose pid now belongs to some other process.
function isOurBroker(pid, dataDir) {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(files(dataDir).props);
  } catch {
    return true; // no /proc: best effort
  }
}

// Resolves to the cluster id of whatever answers on `brokers`, or null.
async function probe(brokers) {
  // Required lazily so `fetch` works before node_modules exists.
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({
    clientId: 'overgang-kafka-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const { brokers: list, clusterId } = await admin.describeCluster();
    return list.length > 0 ? clusterId : null;
  } catch {
    return null;
  } finally {
    await admin.disconnect().catch(noop);
  }
}

// The first group call after a fresh start creates __consumer_offsets and waits for it to
// load; kafkajs retries that on its own but logs each retry at ERROR level. Doing it here
// makes "ready" mean "consumer groups work", so the first test neither waits nor shouts.
async function warmUpGroupCoordinator(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({
    clientId: 'overgang-kafka-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 10 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeGroups(['overgang-kafka-warmup']);
  } finally {
    await admin.disconnect().catch(noop);
  }
}

function tail(file, bytes = 4000) {
  try {
    const buf = fs.readFileSync(file);
    return (
      buf
        .subarray(Math.max(0, buf.length - bytes))
        .toString('utf8')
        .trim() || '(empty)'
    );
  } catch {
    return '(no broker.log)';
  }
}

function clusterIdOf(dataDir) {
  const m = /^cluster\.id=(\S+)$/m.exec(readText(files(dataDir).meta) || '');
  return m ? m[1] : null;
}

async function waitReady({ brokers, pid, dataDir, timeoutMs }) {
  // Matching the cluster id proves it is *this* broker answering, not another one
  // that grabbed the port in between.
  const expected = clusterIdOf(dataDir);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await probe(brokers)) === expected && isAlive(pid)) return warmUpGroupCoordinator(brokers);
    if (!isAlive(pid)) {
      await fsp.rm(files(dataDir).pid, { force: true });
      throw new Error(
        `Kafka broker exited during start-up. Tail of ${files(dataDir).brokerLog}:\n${tail(files(dataDir).brokerLog)}`,
      );
    }
    await sleep(POLL_MS);
  }
  await stopBroker({ dataDir });
  throw new Error(
    `Kafka broker did not answer on ${brokers} within ${timeoutMs / 1000}s; killed it. ` +
      `Tail of ${files(dataDir).brokerLog}:\n${tail(files(dataDir).brokerLog)}`,
  );
}

async function startBroker({
  dataDir,
  port = 9092,
  controllerPort = 9093,
  heapMb = 512,
  timeoutMs = 60_000,
  log = noop,
} = {}) {
  if (!dataDir) throw new Error('startBroker: dataDir is required');
  dataDir = path.resolve(dataDir);
  const f = files(dataDir);
  const brokers = `127.0.0.1:${port}`;

  const props = serverProperties({ dataDir, port, controllerPort });
  const running = readPid(dataDir);
  if (running && isOurBroker(running, dataDir)) {
    if (readText(f.props) === props) {
      log(`Reusing the Kafka broker already running for ${dataDir} (pid ${running}).`);
      await waitReady({ brokers, pid: running, dataDir, timeoutMs });
      return { brokers, pid: running, dataDir };
    }
    log('A broker is running for this data dir with other settings (ports); restarting it.');
    await stopBroker({ dataDir, log });
  }
  await fsp.rm(f.pid, { force: true }); // stale, if any

  for (const p of [port, controllerPort]) {
    if (!(await isPortFree(p)))
      throw new Error(`Port ${p} on 127.0.0.1 is already in use; pick another with --port.`);
  }

  const libs = await fetchJars({ log });
  await fsp.mkdir(f.logDir, { recursive: true });
  // Rewritten every start so a different port takes effect on an existing data dir.
  await fsp.writeFile(f.props, props);

  if (!fs.existsSync(f.meta)) {
    log(`Formatting KRaft storage in ${f.logDir} ...`);
    await run(java(), [
      ...jvmArgs(libs, 256),
      'kafka.tools.StorageTool',
      'format',
      '--standalone',
      '-t',
      randomClusterId(),
      '-c',
      f.props,
    ]);
  }

  log(`Starting Kafka ${KAFKA_VERSION} on ${brokers} (log: ${f.brokerLog}) ...`);
  // Truncated per start so the tail quoted in errors is about this run only.
  const out = fs.openSync(f.brokerLog, 'w');
  // Detached + unref: the broker lives in its own process group and outlives this
  // process (so `cli.js start` can return); stopBroker() ends it via the pid file.
  const child = spawn(java(), [...jvmArgs(libs, heapMb), 'kafka.Kafka', f.props], {
    cwd: dataDir,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.on('error', noop); // a failed spawn shows as a missing pid below
  if (!child.pid) throw new Error(`Cannot run ${java()}: is a JDK 17+ installed (or JAVA_HOME set)?`);
  child.unref();
  await fsp.writeFile(f.pid, `${child.pid}\n`);

  const started = Date.now();
  await waitReady({ brokers, pid: child.pid, dataDir, timeoutMs });
  log(`Kafka broker ready on ${brokers} (pid ${child.pid}, ${((Date.now() - started) / 1000).toFixed(1)}s).`);
  return { brokers, pid: child.pid, dataDir };
}

async function stopBroker({ dataDir, log = noop } = {}) {
  if (!dataDir) throw new Error('stopBroker: dataDir is required');
  dataDir = path.resolve(dataDir);
  const pidFile = files(dataDir).pid;
  const pid = readPid(dataDir);
  if (!pid || !isOurBroker(pid, dataDir)) {
    await fsp.rm(pidFile, { force: true });
    log('No Kafka broker running for this data dir.');
    return false;
  }
  log(`Stopping Kafka broker (pid ${pid}) ...`);
  // SIGTERM first: Kafka then flushes and closes its logs, so the next start skips log recovery.
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await sleep(POLL_MS);
  if (isAlive(pid)) {
    log(`Broker did not exit within ${STOP_TIMEOUT_MS / 1000}s; killing it.`);
    signal(pid, 'SIGKILL');
    while (isAlive(pid) && Date.now() < deadline + 5000) await sleep(50);
  }
  await fsp.rm(pidFile, { force: true });
  log('Kafka broker stopped.');
  return true;
}

// Read-only probe for `cli.js status`; the address comes from the data dir's own
// server.properties, so it is right whatever port the broker was started with.
async function brokerStatus({ dataDir } = {}) {
  dataDir = path.resolve(dataDir);
  const pid = readPid(dataDir);
  const running = Boolean(pid && isOurBroker(pid, dataDir));
  const advertised = /^advertised\.listeners=PLAINTEXT:\/\/(\S+)$/m.exec(
    readText(files(dataDir).props) || '',
  );
  const brokers = advertised ? advertised[1] : null;
  return {
    running,
    pid: running ? pid : null,
    answering: running && Boolean(brokers) && (await probe(brokers)) === clusterIdOf(dataDir),
    brokers,
    dataDir,
  };
}

module.exports = { KAFKA_VERSION, libsDir, fetchJars, startBroker, stopBroker, brokerStatus, isPortFree };
