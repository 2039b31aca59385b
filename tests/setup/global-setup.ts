import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import { assertTestDatabase } from '../../libs/persistence/src/test-guard';

/* eslint-disable @typescript-eslint/no-require-imports */
const kafka = require('../../scripts/kafka/kafka.js');
const postgres = require('../../scripts/postgres.js');
const oidc = require('../../scripts/oidc/provider.js');

const TEST_KAFKA_PORT = Number(process.env.TEST_KAFKA_PORT ?? 19092);
/** One broker directory per port, so test runs on different TEST_KAFKA_PORTs can run side by side. */
export const TEST_KAFKA_DIR = path.join(
  os.tmpdir(),
  `overgang-test-kafka-${process.getuid?.() ?? 0}-${TEST_KAFKA_PORT}`,
);

/**
 * Starts the real infrastructure once per test run: a fresh single-node Kafka broker in a temp dir
 * (unless KAFKA_BROKERS points at one), the local identity provider and a freshly created test database.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.OVERGANG_TEST_INFRA === 'up') return;
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const started = Date.now();
  if (!process.env.KAFKA_BROKERS) {
    await kafka.fetchJars();
    await kafka.stopBroker({ dataDir: TEST_KAFKA_DIR });
    fs.rmSync(TEST_KAFKA_DIR, { recursive: true, force: true });
    const port = TEST_KAFKA_PORT;
    const broker = await kafka.startBroker({
      dataDir: TEST_KAFKA_DIR,
      port,
      controllerPort: port + 1,
      heapMb: 512,
    });
    process.env.KAFKA_BROKERS = broker.brokers;
    process.env.OVERGANG_TEST_KAFKA_DIR = TEST_KAFKA_DIR;
  }
  // The real local identity provider (mock-oauth2-server), next to the broker's two ports.
  const oidcDir = path.join(os.tmpdir(), `overgang-test-oidc-${process.getuid?.() ?? 0}-${TEST_KAFKA_PORT}`);
  const provider = await oidc.startProvider({ dataDir: oidcDir, port: TEST_KAFKA_PORT + 2 });
  process.env.AUTH_LOCAL_PROVIDER_URL = `http://127.0.0.1:${provider.port}`;
  process.env.OVERGANG_TEST_OIDC_DIR = oidcDir;
  const pg = await postgres.resolvePostgres({
    database: process.env.TEST_DATABASE_NAME ?? 'overgang_test',
    dataDir: path.join(os.tmpdir(), `overgang-test-pg-${TEST_KAFKA_PORT}`),
    fresh: true,
  });
  assertTestDatabase(pg.url);
  process.env.DATABASE_URL = pg.url;
  (globalThis as { __overgangPgStop?: () => Promise<void> }).__overgangPgStop = pg.stop;
  process.env.OVERGANG_TEST_INFRA = 'up';
  process.stdout.write(
    `\n[test infra] Kafka ${process.env.KAFKA_BROKERS}, identity provider ${process.env.AUTH_LOCAL_PROVIDER_URL}, PostgreSQL ${pg.source}, ready in ${Date.now() - started} ms\n`,
  );
}
