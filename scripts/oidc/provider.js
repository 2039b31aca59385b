'use strict';
// The local identity provider: NAV's mock-oauth2-server, a real OpenID Connect provider from Maven
// Central, run as a detached process like the Kafka broker. Two issuers: `ansatt` for people (the demo
// directory's users, as an agency's own sign-in would name them) and `maskinporten` for agency
// systems (client credentials; the organisation number in the `consumer` claim, as Maskinporten has it).
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const { cacheDir, fetchMavenJars, java } = require('../maven-jars');

const VERSION = '6.0.2';
const POM = path.join(__dirname, 'pom.xml');
const ROOT = path.join(__dirname, '..', '..');
const DIRECTORY = path.join(ROOT, 'apps', 'routing-service', 'src', 'directory', 'fixtures', 'demo-directory.json');
const CLIENTS = path.join(__dirname, 'clients.json');
const MAIN_CLASS = 'no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt';
const AUDIENCE = 'overgang';
/**
 * People's issuer and systems' issuer, by their path on the provider; and, for the tests of the
 * hub's token-lifetime rule, one whose tokens live an hour and five minutes (no service trusts it
 * unless told to).
 */
const ISSUER_IDS = { people: 'ansatt', systems: 'maskinporten', longLived: 'langlevd' };
const LONG_LIVED_EXPIRY_S = 3900;
/** As long as the services accept a token (AUTH_MAX_TOKEN_LIFETIME_S), never longer. */
const TOKEN_EXPIRY_S = 3600;
/** A sign-in name for a test persona whose claims come with the token request (tests, `npm run token -- --sub`). */
const PERSONA_PREFIX = 'persona:';
const noop = () => {};

const libsDir = () => cacheDir('mock-oauth2-server', VERSION, process.env.OVERGANG_OIDC_CACHE);
const fetchJars = ({ log } = {}) =>
  fetchMavenJars({
    pom: POM,
    property: 'mock-oauth2-server.version',
    version: VERSION,
    libs: libsDir(),
    label: 'mock-oauth2-server',
    log,
  });

const anchored = (literal) => `^${literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

/** A fresh RSA signing key (a private JWK), for a provider that must sign with another key than before. */
function freshSigningKey() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'rotated', use: 'sig' });
}

/**
 * The provider's configuration: which claims each demo user's and each demo system's token carries.
 * `newKey`: sign with a freshly made key (a key rotation), not the provider's built-in one;
 * `loginPagePath`: where the provider finds the login page (docker-compose mounts it at /config).
 */
/**
 * The provider's sign-in page for browsers (its own is a text box for claims): a choice of the demo
 * directory's users, in bokmål, whose organisation, unit and roles go with the sign-in as claims.
 */
function loginPage() {
  const { users } = JSON.parse(fs.readFileSync(DIRECTORY, 'utf8'));
  const claims = Object.fromEntries(
    users.map((u) => [u.id, { aud: AUDIENCE, org: u.organisationNumber, unit: u.unitId ?? '', roles: u.roles }]),
  );
  const escape = (t) => String(t).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const options = users
    .map((u) => `        <option value="${escape(u.id)}">${escape(u.id)} (${escape(u.roles.join(', '))})</option>`)
    .join('\n');
  return `<!doctype html>
<html lang="nb">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Logg inn – Overgang (lokal testinnlogging)</title>
    <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
      label,select,button{display:block;font-size:1rem;margin-top:.5rem}select{width:100%;padding:.5rem}
      button{padding:.6rem 1.2rem;margin-top:1rem;background:#1e2b3c;color:#fff;border:0;border-radius:4px}</style>
  </head>
  <body>
    <main>
      <h1>Logg inn i Overgang</h1>
      <p>Dette er den lokale testinnloggingen. Velg en demobruker; alle navn og numre er fiktive. I drift
        logger du inn med virksomhetens egen innlogging.</p>
      <form method="post">
        <label for="username">Demobruker</label>
        <select id="username" name="username">
${options}
        </select>
        <input type="hidden" id="claims" name="claims" />
        <button type="submit">Logg inn</button>
      </form>
    </main>
    <script>
      const claims = ${JSON.stringify(claims)};
      const user = document.getElementById('username');
      const fill = () => (document.getElementById('claims').value = JSON.stringify(claims[user.value]));
      user.addEventListener('change', fill);
      fill();
    </script>
  </body>
</html>
`;
}

function providerConfig({ newKey = false, loginPagePath = '/config/login.html' } = {}) {
  const { users } = JSON.parse(fs.readFileSync(DIRECTORY, 'utf8'));
  const { clients } = JSON.parse(fs.readFileSync(CLIENTS, 'utf8'));
  const people = users.map((u) => ({
    requestParam: 'username',
    match: anchored(u.id),
    claims: { sub: u.id, aud: [AUDIENCE], org: u.organisationNumber, unit: u.unitId ?? '', roles: u.roles },
  }));
  // Claims named in the token request itself, for test personas that are not demo users.
  people.push({
    requestParam: 'username',
    match: `^${PERSONA_PREFIX}.+$`,
    claims: { sub: '${sub}', aud: [AUDIENCE], org: '${org}', unit: '${unit}', roles: '${roles}' },
  });
  const systems = clients.map((c) => ({
    requestParam: 'client_id',
    match: anchored(c.clientId),
    claims: {
      sub: '${clientId}',
      aud: [AUDIENCE],
      client_id: '${clientId}',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${c.organisationNumber}` },
      scope: '${scope}',
    },
  }));
  return {
    // The browser's sign-in (authorization code) shows the login page; the token endpoint's password
    // and client-credentials grants are not affected.
    interactiveLogin: true,
    loginPagePath,
    httpServer: 'NettyWrapper',
    ...(newKey ? { tokenProvider: { keyProvider: { initialKeys: freshSigningKey(), algorithm: 'RS256' } } } : {}),
    tokenCallbacks: [
      { issuerId: ISSUER_IDS.people, tokenExpiry: TOKEN_EXPIRY_S, requestMappings: people },
      { issuerId: ISSUER_IDS.systems, tokenExpiry: TOKEN_EXPIRY_S, requestMappings: systems },
      { issuerId: ISSUER_IDS.longLived, tokenExpiry: LONG_LIVED_EXPIRY_S, requestMappings: people },
    ],
  };
}

const files = (dataDir) => ({
  config: path.join(dataDir, 'config.json'),
  login: path.join(dataDir, 'login.html'),
  log: path.join(dataDir, 'provider.log'),
  pid: path.join(dataDir, 'provider.pid'),
});

const issuerUrl = (port, which) => `http://127.0.0.1:${port}/${ISSUER_IDS[which]}`;

function readPid(dataDir) {
  let text;
  try {
    text = fs.readFileSync(files(dataDir).pid, 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid is ours when it runs the provider's main class (a reused pid runs something else). */
function isOurs(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(MAIN_CLASS);
  } catch {
    return isAlive(pid);
  }
}

async function answering(port) {
  try {
    const res = await fetch(`${issuerUrl(port, 'people')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(1000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts the provider on 127.0.0.1:port (unless it already answers there for this data dir). */
async function startProvider({ dataDir, port = 8090, newKey = false, log = noop, timeoutMs = 60_000 }) {
  dataDir = path.resolve(dataDir);
  await fsp.mkdir(dataDir, { recursive: true });
  const f = files(dataDir);
  const running = readPid(dataDir);
  if (running && isOurs(running)) await stopProvider({ dataDir, log });
  const libs = await fetchJars({ log });
  await fsp.writeFile(f.login, loginPage());
  await fsp.writeFile(f.config, JSON.stringify(providerConfig({ newKey, loginPagePath: f.login }), null, 2));
  const out = fs.openSync(f.log, 'w');
  const child = spawn(java(), ['-Xmx256m', '-cp', `${libs}/*`, MAIN_CLASS], {
    cwd: dataDir,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, SERVER_HOSTNAME: '127.0.0.1', SERVER_PORT: String(port), JSON_CONFIG_PATH: f.config },
  });
  fs.closeSync(out);
  child.on('error', noop);
  if (!child.pid) throw new Error(`Cannot run ${java()}: is a JDK 17+ installed (or JAVA_HOME set)?`);
  child.unref();
  await fsp.writeFile(f.pid, `${child.pid}\n`);
  const started = Date.now();
  while (!(await answering(port))) {
    if (!isAlive(child.pid)) {
      const tail = fs.readFileSync(f.log, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(`The identity provider exited at start (log ${f.log}):\n${tail}`);
    }
    if (Date.now() - started > timeoutMs) throw new Error(`The identity provider did not answer on port ${port}`);
    await sleep(200);
  }
  log(`Identity provider (mock-oauth2-server ${VERSION}) ready on http://127.0.0.1:${port} (pid ${child.pid}).`);
  return { pid: child.pid, port, issuers: { people: issuerUrl(port, 'people'), systems: issuerUrl(port, 'systems') } };
}

async function stopProvider({ dataDir, log = noop }) {
  dataDir = path.resolve(dataDir);
  const pid = readPid(dataDir);
  if (!pid || !isOurs(pid)) {
    await fsp.rm(files(dataDir).pid, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  await fsp.rm(files(dataDir).pid, { force: true });
  log('Identity provider stopped.');
  return true;
}

/**
 * A person's access token from the people's issuer, by the password grant (the provider's way to
 * sign in without a browser; local only): a demo user by id, or a test persona by its claims.
 */
async function personToken(port, user, issuer = 'people') {
  const form =
    typeof user === 'string'
      ? { username: user }
      : {
          username: `${PERSONA_PREFIX}${user.sub}`,
          sub: user.sub,
          org: user.org,
          unit: user.unit ?? '',
          roles: user.roles.join(' '),
        };
  return tokenRequest(issuerUrl(port, issuer), {
    grant_type: 'password',
    password: 'local',
    client_id: 'overgang-cli',
    client_secret: 'local',
    scope: 'openid',
    ...form,
  });
}

/** An agency system's access token (client credentials) with the scopes it asks for. */
function systemToken(port, clientId, scopes) {
  return tokenRequest(issuerUrl(port, 'systems'), {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: 'local',
    scope: scopes.join(' '),
  });
}

async function tokenRequest(issuer, form) {
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  if (!res.ok) throw new Error(`The identity provider refused the token request: ${res.status}`);
  return (await res.json()).access_token;
}

module.exports = {
  VERSION,
  AUDIENCE,
  ISSUER_IDS,
  PERSONA_PREFIX,
  fetchJars,
  providerConfig,
  loginPage,
  issuerUrl,
  startProvider,
  stopProvider,
  personToken,
  systemToken,
};
