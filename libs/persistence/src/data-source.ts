import * as pg from 'pg';
import { Client } from 'pg';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { ParameterFreeQueryLogger } from './database-errors';

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own schema: no service reads another's tables. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
  timeouts?: Partial<DatabaseTimeouts>;
}

/**
 * Bounds on every wait a service can have on its database, so a slow or frozen database makes
 * requests fail fast (503) instead of piling up: no session sits idle in a transaction, no
 * statement runs forever, and asking the pool for a connection gives up.
 */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection (or for a new one to connect). */
  acquireMs: number;
  /** One statement, enforced by the server. */
  statementMs: number;
  /** One statement, enforced by the client too: a frozen server cannot enforce its own. */
  queryMs: number;
  /** A session holding a transaction open without sending anything; the server ends it. */
  idleInTransactionMs: number;
  /** Waiting for a row or table lock. */
  lockMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  acquireMs: 5_000,
  statementMs: 15_000,
  queryMs: 20_000,
  idleInTransactionMs: 30_000,
  lockMs: 10_000,
};

export function serviceDataSourceOptions(o: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    // Handing TypeORM the driver avoids its dynamic require, which jest's module loader breaks.
    driver: pg,
    url: o.url,
    schema: o.schema,
    entities: o.entities,
    migrations: o.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn'],
    // TypeORM's own loggers print a failed statement's parameters: personal data in the logs.
    logger: new ParameterFreeQueryLogger(),
    extra: poolSettings(o),
  };
}

export function poolSettings(o: ServiceDataSourceOptions) {
  const t = { ...DEFAULT_DATABASE_TIMEOUTS, ...o.timeouts };
  return {
    max: o.poolSize ?? 10,
    application_name: o.applicationName ?? o.schema,
    connectionTimeoutMillis: t.acquireMs,
    statement_timeout: t.statementMs,
    query_timeout: t.queryMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    // Every session looks in the service's own schema first.
    options: `-c search_path=${o.schema},public -c lock_timeout=${t.lockMs}`,
  };
}

/** Creates the schema if needed, opens the pool and runs the committed migrations. */
export async function openServiceDataSource(o: ServiceDataSourceOptions): Promise<DataSource> {
  await ensureSchema(o.url, o.schema);
  const ds = new DataSource(serviceDataSourceOptions(o));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

export async function ensureSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name ${schema}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (err) {
    // Two services starting at once may race on CREATE SCHEMA; the loser sees a unique violation.
    if ((err as { code?: string }).code !== '23505') throw err;
  } finally {
    await client.end();
  }
}
