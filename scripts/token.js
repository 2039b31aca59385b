'use strict';
// A token from the local identity provider (mock-oauth2-server, started by `npm start`):
//   npm run -s token -- <demo-user-id>                    e.g. consultant-drammen-fengsel, cp-nav-drammen-1
//   npm run -s token -- --sub ID --org ORGNR [--unit UNIT] --roles role1,role2
//   npm run -s token -- --system CLIENT_ID --scopes scope1,scope2   an agency system (client credentials)
//   npm run -s token -- --list                            the demo users and systems
// The provider listens on 127.0.0.1:8090 unless OVERGANG_OIDC_PORT says otherwise.
const path = require('path');
const fs = require('fs');
const oidc = require('./oidc/provider');

const DIRECTORY = path.join(
  __dirname,
  '..',
  'apps',
  'routing-service',
  'src',
  'directory',
  'fixtures',
  'demo-directory.json',
);

function demoUsers() {
  return JSON.parse(fs.readFileSync(DIRECTORY, 'utf8')).users;
}

/** The local identity provider's port: OVERGANG_OIDC_PORT, AUTH_LOCAL_PROVIDER_URL's, or npm start's 8090. */
const oidcPort = () =>
  Number(
    process.env.OVERGANG_OIDC_PORT ||
      (process.env.AUTH_LOCAL_PROVIDER_URL ? new URL(process.env.AUTH_LOCAL_PROVIDER_URL).port : 8090),
  );

/** A demo user's (or a persona's) token from the running local identity provider. */
async function providerToken(user, port = oidcPort()) {
  try {
    return await oidc.personToken(port, user);
  } catch (err) {
    throw new Error(
      `The local identity provider on 127.0.0.1:${port} did not answer (${err.message}): start the hub with npm start first.`,
    );
  }
}

async function main(argv) {
  const flag = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--list')) {
    for (const u of demoUsers())
      console.log(`${u.id.padEnd(34)} ${u.organisationNumber}  ${u.roles.join(',')}`);
    const { clients } = JSON.parse(fs.readFileSync(path.join(__dirname, 'oidc', 'clients.json'), 'utf8'));
    for (const c of clients) console.log(`--system ${c.clientId.padEnd(25)} ${c.organisationNumber}  ${c.name}`);
    return;
  }
  if (flag('system')) {
    const scopes = (flag('scopes') || '').split(',').filter(Boolean);
    console.log(await oidc.systemToken(oidcPort(), flag('system'), scopes));
    return;
  }
  if (flag('sub')) {
    const roles = (flag('roles') || '').split(',').filter(Boolean);
    console.log(await providerToken({ sub: flag('sub'), org: flag('org'), unit: flag('unit') ?? null, roles }));
    return;
  }
  const id = argv[0];
  if (!demoUsers().some((u) => u.id === id)) {
    console.error(`Unknown demo user "${id ?? ''}". Try: npm run -s token -- --list`);
    process.exit(2);
  }
  console.log(await providerToken(id));
}

if (require.main === module)
  main(process.argv.slice(2)).catch((err) => {
    console.error(err.message);
    process.exit(1);
  });

module.exports = { demoUsers, providerToken, oidcPort };
