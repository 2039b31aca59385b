#!/usr/bin/env node
'use strict';
// node scripts/oidc/mint.js <provider port> <demo user id | JSON {sub, org, unit, roles}> [people|longLived]
// Prints one access token from the running local identity provider. The tests' synchronous
// tokenFor() runs it as a child process (a token request is asynchronous), once per user.
const { personToken } = require('./provider');

const [port, who, issuer = 'people'] = process.argv.slice(2);
const user = who && who.startsWith('{') ? JSON.parse(who) : who;
personToken(Number(port), user, issuer)
  .then((token) => process.stdout.write(`${token}\n`))
  .catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
