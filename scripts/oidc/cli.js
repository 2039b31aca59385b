#!/usr/bin/env node
'use strict';
// node scripts/oidc/cli.js fetch|start|stop|config|login-page [--port P] [--data-dir D]
//   start   the local identity provider (npm start does this itself), detached; stop ends it
//   config, login-page  print the provider's configuration and login page (docker-compose mounts
//           scripts/oidc/compose-config.json and scripts/oidc/login.html, made by them)
const path = require('node:path');
const { parseArgs } = require('node:util');
const provider = require('./provider');

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string', default: '8090' }, 'data-dir': { type: 'string' } },
  });
  const dataDir = path.resolve(values['data-dir'] ?? path.join(__dirname, '..', '..', '.data', 'oidc'));
  switch (positionals[0]) {
    case 'start':
      await provider.startProvider({ dataDir, port: Number(values.port), log: console.log });
      break;
    case 'stop':
      await provider.stopProvider({ dataDir, log: console.log });
      break;
    case 'fetch':
      console.log(`mock-oauth2-server ${provider.VERSION} jars are in ${await provider.fetchJars({ log: console.log })}`);
      break;
    case 'config':
      process.stdout.write(`${JSON.stringify(provider.providerConfig())}\n`);
      break;
    case 'login-page':
      process.stdout.write(provider.loginPage());
      break;
    default:
      console.log('Usage: node scripts/oidc/cli.js fetch|start|stop|config|login-page [--port P] [--data-dir D]');
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
