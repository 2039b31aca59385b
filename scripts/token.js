'use strict';
// The local token issuer for development and demos (production verifies an OIDC issuer instead).
//   npm run -s token -- <demo-user-id>                    e.g. consultant-drammen-fengsel, cp-nav-drammen-1
//   npm run -s token -- --sub ID --org ORGNR [--unit UNIT] --roles role1,role2
//   npm run -s token -- --list                            the demo users
const path = require('path');
const fs = require('fs');
const jwt = require('jsonwebtoken');

const DEV_SECRET = 'overgang-local-development-secret-not-for-production';
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

function issue({ sub, org, unit, roles }) {
  return jwt.sign({ org, unit: unit ?? null, roles }, process.env.AUTH_JWT_SECRET || DEV_SECRET, {
    algorithm: 'HS256',
    subject: sub,
    issuer: process.env.AUTH_JWT_ISSUER || 'overgang-local',
    audience: process.env.AUTH_JWT_AUDIENCE || 'overgang',
    expiresIn: 8 * 3600,
  });
}

function demoUsers() {
  return JSON.parse(fs.readFileSync(DIRECTORY, 'utf8')).users;
}

function main(argv) {
  const flag = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--list')) {
    for (const u of demoUsers())
      console.log(`${u.id.padEnd(34)} ${u.organisationNumber}  ${u.roles.join(',')}`);
    return;
  }
  if (flag('sub')) {
    const roles = (flag('roles') || '').split(',').filter(Boolean);
    console.log(issue({ sub: flag('sub'), org: flag('org'), unit: flag('unit'), roles }));
    return;
  }
  const id = argv[0];
  const user = demoUsers().find((u) => u.id === id);
  if (!user) {
    console.error(`Unknown demo user "${id ?? ''}". Try: npm run -s token -- --list`);
    process.exit(2);
  }
  console.log(issue({ sub: user.id, org: user.organisationNumber, unit: user.unitId, roles: user.roles }));
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { DEV_SECRET, issue, demoUsers };
