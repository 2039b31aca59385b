'use strict';
// Compares a service's entities with what its committed migrations create, on a scratch database.
//   node scripts/migration-generate.js <service> <Name>   writes apps/<service>/src/migrations/<ts>-<name>.ts
//   node scripts/migration-generate.js --check            exits 1 if any service has drift
// Needs `npm run build` first (it loads the compiled entities and migrations from dist/).
require('reflect-metadata');
require('./register-paths');
const fs = require('fs');
const path = require('path');
const { DataSource } = require('typeorm');
const { resolvePostgres } = require('./postgres');

const SERVICES = {
  'referral-service': 'referral',
  'routing-service': 'routing',
  'deadline-service': 'deadline',
};

async function pendingQueries(service, url) {
  const schema = SERVICES[service];
  const dist = path.join(__dirname, '..', 'dist', 'apps', service, 'src');
  const { ENTITIES } = require(path.join(dist, 'entities.js'));
  const { MIGRATIONS } = require(path.join(dist, 'migrations', 'index.js'));
  const { openServiceDataSource } = require(path.join(__dirname, '..', 'dist', 'libs', 'persistence', 'src'));
  const ds = await openServiceDataSource({ url, schema, entities: ENTITIES, migrations: MIGRATIONS });
  try {
    return await ds.driver.createSchemaBuilder().log();
  } finally {
    await ds.destroy();
  }
}

function render(className, up, down) {
  const q = (list) => list.map((x) => `    await q.query(${JSON.stringify(x.query)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
${q(up)}
  }

  async down(q: QueryRunner): Promise<void> {
${q(down)}
  }
}
`;
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const pg = await resolvePostgres({
    database: 'overgang_migration_scratch',
    dataDir: path.join(__dirname, '..', '.data', 'pg'),
    fresh: true,
  });
  let drift = false;
  try {
    const services = check ? Object.keys(SERVICES) : [args[0]];
    for (const service of services) {
      if (!SERVICES[service])
        throw new Error(`unknown service ${service}; one of ${Object.keys(SERVICES).join(', ')}`);
      const sql = await pendingQueries(service, pg.url);
      if (sql.upQueries.length === 0) {
        console.log(`${service}: migrations match the entities`);
        continue;
      }
      if (check) {
        drift = true;
        console.error(`${service}: the entities imply changes no migration makes:`);
        for (const x of sql.upQueries) console.error(`  ${x.query}`);
        continue;
      }
      const name = (args[1] || 'Change').replace(/[^A-Za-z0-9]/g, '');
      const ts = Date.now();
      const file = path.join(
        __dirname,
        '..',
        'apps',
        service,
        'src',
        'migrations',
        `${ts}-${name.toLowerCase()}.ts`,
      );
      fs.writeFileSync(file, render(`${name}${ts}`, sql.upQueries, [...sql.downQueries].reverse()));
      console.log(`wrote ${path.relative(process.cwd(), file)}; add it to migrations/index.ts`);
    }
  } finally {
    await pg.stop();
  }
  if (drift) {
    console.error('Run: npm run build && npm run migration:generate -- <service> <Name>');
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
