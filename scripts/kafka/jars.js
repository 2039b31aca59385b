'use strict';
// The Kafka broker's jars, fetched from Maven Central (via scripts/kafka/pom.xml) into a cache once.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

// Newest 4.x on Maven Central; works with kafkajs 2.2.4 despite KIP-896 (Kafka 4 dropped old
// protocol versions). Rerun scripts/kafka/smoke.js after changing it.
const KAFKA_VERSION = '4.4.0';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const POM = path.join(__dirname, 'pom.xml');
const MARKER = '.complete';
const noop = () => {};

function libsDir() {
  return (
    process.env.OVERGANG_KAFKA_CACHE ||
    path.join(os.homedir(), '.cache', 'overgang', `kafka-${KAFKA_VERSION}`, 'libs')
  );
}

// The marker holds a hash of the pom and the version, so editing either refetches
// instead of silently running stale jars from the cache.
function cacheKey() {
  const pom = fs.readFileSync(POM);
  return crypto.createHash('sha256').update(pom).update(KAFKA_VERSION).digest('hex');
}

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => reject(new Error(`cannot run ${cmd}: ${err.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out.trim()}`)),
    );
  });
}

async function fetchJars({ log = noop } = {}) {
  const libs = libsDir();
  const key = cacheKey();
  const marker = path.join(libs, MARKER);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === key) return libs;

  log(`Fetching Kafka ${KAFKA_VERSION} jars from Maven Central into ${libs} ...`);
  // Copy into a scratch dir and rename at the end, so an interrupted fetch never
  // leaves a half-filled libs dir that a later run would trust.
  const partial = `${libs}.partial-${process.pid}`;
  await fsp.rm(partial, { recursive: true, force: true });
  await fsp.mkdir(path.dirname(libs), { recursive: true });
  try {
    await run(process.env.MVN || 'mvn', [
      '-B',
      '-q',
      '-f',
      POM,
      `-Dkafka.version=${KAFKA_VERSION}`,
      `${DEPENDENCY_PLUGIN}:copy-dependencies`,
      `-DoutputDirectory=${partial}`,
    ]);
    await fsp.writeFile(path.join(partial, MARKER), `${key}\n`);
    await fsp.rm(libs, { recursive: true, force: true });
    await fsp.rename(partial, libs);
  } finally {
    await fsp.rm(partial, { recursive: true, force: true });
  }
  log(`Kafka jars ready (${fs.readdirSync(libs).filter((f) => f.endsWith('.jar')).length} jars).`);
  return libs;
}

module.exports = { KAFKA_VERSION, libsDir, fetchJars, run };
