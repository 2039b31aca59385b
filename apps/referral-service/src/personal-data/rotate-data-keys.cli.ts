import { validateEnv } from '@overgang/config';
import { openServiceDataSource } from '@overgang/persistence';
import { DB_SCHEMA, ReferralServiceEnv } from '../config/env.schema';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { RotateDataKeysCommand } from './application/rotate-data-keys/rotate-data-keys.command';
import {
  RotateDataKeysHandler,
  RotationReport,
} from './application/rotate-data-keys/rotate-data-keys.handler';
import { installDataKeys } from './infrastructure/data-key-ring';
import { ResealRepository } from './infrastructure/reseal.repository';

/** Settings the service needs and the rotation does not (it uses only the database and the keys). */
const UNUSED = {
  KAFKA_BROKERS: 'unused:9092',
  PORT: '0',
};

/**
 * `npm run keys:rotate [-- --person-keys]`: re-seals, with DATA_KEY_CURRENT, every value sealed with
 * another key of the ring (and any still in clear), running the migrations first. Succeeds only when
 * no value is left under another key, so the old key may then leave DATA_KEYS.
 */
export async function rotateDataKeys(
  raw: Record<string, unknown>,
  argv: string[],
  print: (line: string) => void,
): Promise<boolean> {
  const env = validateEnv(ReferralServiceEnv, { ...UNUSED, ...raw });
  const cipher = installDataKeys(env);
  const mode: RotateDataKeysCommand['mode'] = argv.includes('--person-keys') ? 'person-keys' : 'rotate';
  const ds = await openServiceDataSource({
    url: env.DATABASE_URL,
    schema: DB_SCHEMA,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    applicationName: 'keys-rotate',
  });
  let report: RotationReport;
  try {
    report = await new RotateDataKeysHandler(ds, new ResealRepository(), cipher).execute({ mode });
  } finally {
    await ds.destroy();
  }
  print(`re-sealed with ${cipher.currentKeyId}: ${JSON.stringify(report.resealed)}`);
  print(`values per key now: ${JSON.stringify(report.keysInUse)}`);
  const left = Object.keys(report.keysInUse).filter((k) => k !== cipher.currentKeyId);
  if (left.length > 0) print(`still sealed otherwise (rows were busy): ${left.join(', ')}; run it again`);
  else print(`every value is sealed with ${cipher.currentKeyId}: older keys may leave DATA_KEYS`);
  return left.length === 0;
}
