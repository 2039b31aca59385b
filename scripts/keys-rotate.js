'use strict';
// npm run keys:rotate [-- --person-keys]
// Re-seals the referral service's personal data with DATA_KEY_CURRENT (README: "Encryption at rest
// and retention"). Needs the service's DATABASE_URL and DATA_* settings; runs after `npm run build`.
require('reflect-metadata');
require('./register-paths');
const path = require('path');
const { rotateDataKeys } = require(
  path.join(
    __dirname,
    '..',
    'dist',
    'apps',
    'referral-service',
    'src',
    'personal-data',
    'rotate-data-keys.cli.js',
  ),
);

rotateDataKeys(process.env, process.argv.slice(2), (line) => console.log(line))
  .then((done) => process.exit(done ? 0 : 2))
  .catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
