'use strict';
// npm run statistics:backfill
// Rebuilds the deadline service's statistics facts (referral_fact) from what the referral topics
// still hold, for referrals submitted before the statistics existed (README: "Statistics").
// Idempotent; needs the deadline service's DATABASE_URL and KAFKA_BROKERS; runs after `npm run build`.
require('reflect-metadata');
require('./register-paths');
const path = require('path');
const { backfillStatistics } = require(
  path.join(
    __dirname,
    '..',
    'dist',
    'apps',
    'deadline-service',
    'src',
    'statistics',
    'application',
    'backfill-facts',
    'backfill-facts.cli.js',
  ),
);

backfillStatistics(process.env, (line) => console.log(line)).catch((err) => {
  console.error(err.message);
  process.exit(1);
});
