import { randomBytes, randomUUID } from 'crypto';
import { writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import fc from 'fast-check';
import { Client } from 'pg';
import { TopicRecorder } from '@overgang/testing';
import { Hub, startHub } from '../support/hub';
import { CATALOGUE, Endpoint } from './support/catalogue';
import { CALLERS, FixtureKind, FixturePool } from './support/fixtures';
import {
  baseJson,
  caseArbitrary,
  familiesOf,
  Family,
  hasPathParam,
  runsFor,
  validContentTypeOf,
} from './support/cases';
import { FuzzRunner, Stats } from './support/fuzz-runner';
import { Json, targetsOf } from './support/json-cases';
import { DbWatch, Quiescence, RECORDED_TOPICS } from './support/observer';
import {
  bodyFromSchema,
  fetchOpenApi,
  OpenApiDocument,
  schemaFields,
  WriteOperation,
  writeOperations,
} from './support/openapi';
import { closeWire } from './support/wire';

/** Runs per endpoint, split over its families; `npm run test:fuzz` sets 2 000. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** Replays a reported failure: the seed (and with -t for one test, the path) fast-check printed. */
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PATH = process.env.FUZZ_PATH;
const TEST_TIMEOUT_MS = 30 * 60_000;

/**
 * Property-based fuzzing of every write endpoint through the gateway, against the real hub on Kafka
 * and PostgreSQL. Each test fixes one endpoint and one family of bad input and asserts, for every
 * generated request: an HTTP answer, never a 5xx, application/problem+json on every 4xx, and for a
 * refused request no row written in any service schema and no message published.
 */
describe('fuzzing every write endpoint through the gateway', () => {
  let hub: Hub;
  let recorder: TopicRecorder;
  let db: Client;
  let runner: FuzzRunner;
  let quiet: Quiescence;
  let watch: DbWatch;
  let doc: OpenApiDocument;
  let documented: WriteOperation[];
  const stats = new Stats();
  // An accepted step that ends its fixture's state buys the endpoint a fresh fixture, up to this
  // many over all its families (none in a bounded run: making one costs a hundred requests' time).
  const replacements = new Map<string, { left: number }>();
  const tag = randomBytes(3).toString('hex');
  let started = Date.now();

  beforeAll(async () => {
    started = Date.now();
    hub = await startHub();
    const brokers = (process.env.KAFKA_BROKERS as string).split(',');
    recorder = new TopicRecorder(brokers, RECORDED_TOPICS);
    await recorder.start();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    watch = new DbWatch(db);
    await watch.install();
    quiet = new Quiescence(brokers, watch, recorder);
    await quiet.start();
    const pool = new FixturePool(hub.gateway);
    await pool.prepareDirectory();
    await pool.prepare(
      CATALOGUE.filter((e) => e.fixture).map((e) => ({ owner: e.key, kind: e.fixture as FixtureKind })),
    );
    runner = new FuzzRunner(hub.gateway, watch, quiet, recorder, pool, stats, tag);
    doc = await fetchOpenApi(hub.gateway);
    documented = writeOperations(doc);
    process.stdout.write(`\n[fuzz] hub, fixtures and OpenAPI document ready in ${Date.now() - started} ms\n`);
  }, 240_000);

  afterAll(async () => {
    writeSummary(stats, Date.now() - started);
    closeWire();
    await watch?.uninstall();
    await quiet?.stop();
    await recorder?.stop();
    await db?.end();
    await hub?.stop();
  });

  async function fuzz(e: Endpoint, family: Family, sample: Json, schema: string[]): Promise<void> {
    const runs = runsFor(family, familiesOf(e, targetsOf(sample)), RUNS);
    const arbitrary = caseArbitrary(family, targetsOf(sample, schema), validContentTypeOf(e));
    const budget = replacements.get(e.key) ?? { left: Math.floor(RUNS / 200) };
    replacements.set(e.key, budget);
    const batch = await runner.beginBatch();
    let failure: Error | null = null;
    try {
      await fc.assert(
        fc.asyncProperty(arbitrary, (c) => runner.exercise(e, family, c, budget)),
        { numRuns: runs, seed: SEED, path: PATH },
      );
    } catch (err) {
      failure = err as Error;
    }
    const events = await runner.endBatch(batch);
    if (failure) {
      if (events.violations.length > 0)
        failure.message += `\n\nAlso published for refused requests:\n${events.violations.join('\n')}`;
      throw failure;
    }
    expect({ publishedForRefusedRequests: events.violations }).toEqual({ publishedForRefusedRequests: [] });
  }

  it('reads every write endpoint from the merged OpenAPI document, and the catalogue names none it lacks', () => {
    expect(doc.info?.description ?? '').not.toMatch(/did not answer/);
    const keys = documented.map((o) => o.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(CATALOGUE.map((e) => e.key).filter((k) => !keys.includes(k))).toEqual([]);
    for (const e of CATALOGUE) {
      const op = documented.find((o) => o.key === e.key) as WriteOperation;
      expect({ [e.key]: op.pathParams.length }).toEqual({ [e.key]: hasPathParam(e) ? 1 : 0 });
    }
  });

  for (const e of CATALOGUE) {
    const sample = baseJson(e, null);
    describe(e.key, () => {
      for (const family of familiesOf(e, targetsOf(sample))) {
        it(
          family,
          async () => {
            const op = documented.find((o) => o.key === e.key);
            if (!op) throw new Error(`${e.key} is not in the merged OpenAPI document`);
            await fuzz(e, family, sample, e.body.kind === 'json' ? schemaFields(doc, op.schema) : []);
          },
          TEST_TIMEOUT_MS,
        );
      }
    });
  }

  it(
    'fuzzes write endpoints the catalogue does not know yet, from their OpenAPI schema',
    async () => {
      const known = new Set(CATALOGUE.map((e) => e.key));
      const unknown = documented.filter((o) => !known.has(o.key));
      for (const op of unknown) {
        const e: Endpoint = {
          key: op.key,
          caller: CALLERS.hubAdmin,
          wrongRole: CALLERS.bolig,
          otherOrganisation: CALLERS.coordBaerum,
          body: op.mediaTypes.includes('multipart/form-data')
            ? { kind: 'multipart' }
            : { kind: 'json', base: () => bodyFromSchema(doc, op.schema) as Json },
          param: op.pathParams.length > 0 ? randomUUID() : undefined,
        };
        const sample = baseJson(e, null);
        for (const family of familiesOf(e, targetsOf(sample)))
          await fuzz(e, family, sample, schemaFields(doc, op.schema));
      }
      process.stdout.write(
        `\n[fuzz] ${documented.length} write endpoints in /docs-json; ${unknown.length} fuzzed from their schema only${
          unknown.length ? `: ${unknown.map((o) => o.key).join(', ')}` : ''
        }\n`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

function writeSummary(stats: Stats, ms: number): void {
  const rows = [...stats.tallies.entries()];
  const total = rows.reduce((a, [, t]) => a + t.runs, 0);
  const file = process.env.FUZZ_REPORT ?? join(tmpdir(), 'overgang-fuzz-report.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        runsPerEndpoint: RUNS,
        requests: total,
        ms,
        settles: stats.settles,
        tallies: Object.fromEntries(rows),
      },
      null,
      2,
    ),
  );
  const accepted = rows.reduce((a, [, t]) => a + t.accepted, 0);
  const made = rows.reduce((a, [, t]) => a + t.fixturesMade, 0);
  const unattributed = rows.reduce((a, [, t]) => a + t.unattributedWrites, 0);
  process.stdout.write(
    `\n[fuzz] ${total} requests (${RUNS} runs per endpoint) in ${Math.round(ms / 1000)} s; ${accepted} accepted, ` +
      `${made} fixtures made on the way, ${unattributed} writes by the hub itself during a refused request; ` +
      `${stats.foreignMessages} messages from no fuzzed request (fixtures, timers); ` +
      `${stats.settles.count} waits for the hub to settle (${Math.round(stats.settles.ms / 1000)} s); per family: ${file}\n`,
  );
}
