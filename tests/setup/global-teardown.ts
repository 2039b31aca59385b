/* eslint-disable @typescript-eslint/no-require-imports */
const kafka = require('../../scripts/kafka/kafka.js');
const oidc = require('../../scripts/oidc/provider.js');

export default async function globalTeardown(): Promise<void> {
  if (process.env.OVERGANG_TEST_INFRA !== 'up') return;
  process.env.OVERGANG_TEST_INFRA = 'down';
  if (process.env.OVERGANG_TEST_KAFKA_DIR)
    await kafka.stopBroker({ dataDir: process.env.OVERGANG_TEST_KAFKA_DIR });
  if (process.env.OVERGANG_TEST_OIDC_DIR)
    await oidc.stopProvider({ dataDir: process.env.OVERGANG_TEST_OIDC_DIR });
  await (globalThis as { __overgangPgStop?: () => Promise<void> }).__overgangPgStop?.();
}
