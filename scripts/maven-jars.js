'use strict';
// Runnable jars from Maven Central, resolved by a pom that only lists dependencies and copied into a
// cache outside git once: the Kafka broker and the local identity provider both come this way.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const MARKER = '.complete';
const noop = () => {};

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

/** The cache folder of one artifact set: `<name>-<version>/libs` under ~/.cache/overgang, or `override`. */
function cacheDir(name, version, override) {
  return override || path.join(os.homedir(), '.cache', 'overgang', `${name}-${version}`, 'libs');
}

/**
 * Copies the pom's dependencies (with `-D<property>=<version>`) into `libs`, unless a complete copy
 * made from the same pom and version is there. The marker holds a hash of both, so editing either
 * fetches again instead of silently running stale jars; a fetch cut short never leaves a half-filled
 * folder that a later run would trust.
 */
async function fetchMavenJars({ pom, property, version, libs, label, log = noop }) {
  const key = crypto.createHash('sha256').update(fs.readFileSync(pom)).update(version).digest('hex');
  const marker = path.join(libs, MARKER);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === key) return libs;

  log(`Fetching ${label} ${version} jars from Maven Central into ${libs} ...`);
  const partial = `${libs}.partial-${process.pid}`;
  await fsp.rm(partial, { recursive: true, force: true });
  await fsp.mkdir(path.dirname(libs), { recursive: true });
  try {
    await run(process.env.MVN || 'mvn', [
      '-B',
      '-q',
      '-f',
      pom,
      `-D${property}=${version}`,
      `${DEPENDENCY_PLUGIN}:copy-dependencies`,
      `-DoutputDirectory=${partial}`,
    ]);
    await fsp.writeFile(path.join(partial, MARKER), `${key}\n`);
    await fsp.rm(libs, { recursive: true, force: true });
    await fsp.rename(partial, libs);
  } finally {
    await fsp.rm(partial, { recursive: true, force: true });
  }
  log(`${label} jars ready (${fs.readdirSync(libs).filter((f) => f.endsWith('.jar')).length} jars).`);
  return libs;
}

/** The java binary: JAVA_HOME's when set, else the one on the PATH. */
const java = () => (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java');

module.exports = { run, cacheDir, fetchMavenJars, java };
