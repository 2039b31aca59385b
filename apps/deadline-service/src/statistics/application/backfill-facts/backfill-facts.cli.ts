import { Kafka, logLevel } from 'kafkajs';
import { validateEnv } from '@overgang/config';
import { openServiceDataSource } from '@overgang/persistence';
import { DB_SCHEMA, DeadlineServiceEnv } from '../../../config/env.schema';
import { ENTITIES } from '../../../entities';
import { MIGRATIONS } from '../../../migrations';
import { backfillFacts } from './backfill-facts';

/** Settings the service needs and the backfill does not (it uses only the database and the broker). */
const UNUSED = { PORT: '0', AUTH_JWT_SECRET: 'unused-by-statistics-backfill-'.repeat(2) };

/**
 * `npm run statistics:backfill`: the statistics' facts for referrals submitted before they existed,
 * read again from the referral topics (the deadline service's DATABASE_URL and KAFKA_BROKERS).
 */
export async function backfillStatistics(
  raw: Record<string, unknown>,
  print: (line: string) => void,
): Promise<void> {
  const env = validateEnv(DeadlineServiceEnv, { ...UNUSED, ...raw });
  const ds = await openServiceDataSource({
    url: env.DATABASE_URL,
    schema: DB_SCHEMA,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    applicationName: 'statistics-backfill',
  });
  try {
    const kafka = new Kafka({
      clientId: 'statistics-backfill',
      brokers: env.KAFKA_BROKERS.split(','),
      logLevel: logLevel.WARN,
    });
    const result = await backfillFacts(kafka, ds);
    for (const [topic, n] of Object.entries(result.read)) print(`${topic}: ${n} message(s) read`);
    print(`${result.invalid} invalid message(s) left alone; the facts are up to date with the topics`);
  } finally {
    await ds.destroy();
  }
}
