'use strict';
// Deadline engine benchmark (issue: deadline engine): with N open clocks in PostgreSQL,
//  - the cost of one sweep that fires 1,000 due rungs, with 10,000 versus 1,000,000 clocks open;
//  - the delay from a rung's due time to its event on Kafka (p50, p99), with the scheduler's own timer.
// Runs the real deadline service (compiled, from dist/) against a real broker and database.
require('reflect-metadata');
require('../register-paths');
const path = require('path');
const { randomUUID } = require('crypto');
const { Kafka, logLevel } = require('kafkajs');

const ROOT = path.join(__dirname, '..', '..');
const log = (m) => process.stderr.write(`[bench] ${m}\n`);
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : null;
};

async function seedOpenClocks(ds, count) {
  // Open clocks whose rungs all lie in the future: they cost a sweep nothing if the index works.
  await ds.query(
    `INSERT INTO clock (id, referral_id, referral_type, kind, recipient_organisation_number, recipient_unit_id, unit_kind,
       policy, catalogue_version, started_at, due_at, status, explanation)
     SELECT gen_random_uuid(), gen_random_uuid(), 'assessment-request', 'answer', '100000024', 'nav-drammen-sosial',
       'nav-social-services', 'assessment-request.answer', 1, now(), now() + (g % 60 + 5) * interval '1 day', 'open', '{}'::jsonb
     FROM generate_series(1, $1) AS g`,
    [count],
  );
  await ds.query(
    `INSERT INTO clock_rung (clock_id, rung_id, fire_at)
     SELECT c.id, r.rung, c.due_at + r.shift FROM clock c
     CROSS JOIN (VALUES ('warn-holder', interval '-3 days'), ('warn-both-contacts', interval '-1 day'),
                        ('breach-unit-coordinator', interval '1 ms'), ('escalate-org-coordinator', interval '3 days')) AS r(rung, shift)
     WHERE NOT EXISTS (SELECT 1 FROM clock_rung x WHERE x.clock_id = c.id)`,
  );
  await ds.query('ANALYZE clock; ANALYZE clock_rung');
}

/** Makes `n` breach rungs due at the given instants (one per clock). */
async function makeDue(ds, instants) {
  const rows = await ds.query(`SELECT id FROM clock WHERE status = 'open' ORDER BY random() LIMIT $1`, [instants.length]);
  const ids = rows.map((r) => r.id);
  await ds.query(
    `UPDATE clock_rung r SET fire_at = v.at FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)
     WHERE r.clock_id = v.id AND r.rung_id = 'breach-unit-coordinator'`,
    [ids, instants],
  );
  await ds.query(`UPDATE clock SET due_at = v.at - interval '1 ms' FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at) WHERE clock.id = v.id`, [
    ids,
    instants,
  ]);
  return ids;
}

async function sweepCost(app, ds, openCount) {
  const { RungScheduler } = require(path.join(ROOT, 'dist/apps/deadline-service/src/deadline/application/fire-rungs/rung-scheduler'));
  const scheduler = app.get(RungScheduler);
  const now = new Date();
  await makeDue(ds, Array.from({ length: 1000 }, () => new Date(now.getTime() - 60_000)));
  const started = process.hrtime.bigint();
  const fired = await scheduler.drain(now);
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  // An empty sweep: what a tick costs when nothing is due, whatever is open.
  const empty = [];
  for (let i = 0; i < 20; i++) {
    const t = process.hrtime.bigint();
    await scheduler.sweep(now);
    empty.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const [{ plan }] = await ds.query(
    `EXPLAIN (FORMAT JSON) SELECT r.clock_id FROM clock_rung r WHERE r.fired_at IS NULL AND r.fire_at IS NOT NULL AND r.fire_at <= now() ORDER BY r.fire_at LIMIT 500`,
  ).then((rows) => [{ plan: rows[0]['QUERY PLAN'][0].Plan }]);
  const usesIndex = JSON.stringify(plan).includes('rung_due');
  return { openClocks: openCount, fired, fireThousandMs: Math.round(totalMs), emptySweepMsP50: pct(empty, 50), usesIndex };
}

async function delay(brokers, ds, count) {
  const consumer = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `bench-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: ['deadline.breached.v1'], fromBeginning: false });
  const due = new Map();
  const delays = [];
  let joined;
  const ready = new Promise((r) => (joined = r));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachMessage: async ({ message }) => {
      const p = JSON.parse(message.value.toString()).payload;
      const at = due.get(p.clockId);
      if (at !== undefined) delays.push(Number(message.timestamp) - at);
    },
  });
  await ready;
  // Spread the due times over 20 s from now; the scheduler's own timer fires them.
  const start = Date.now() + 2000;
  const instants = Array.from({ length: count }, (_, i) => new Date(start + Math.floor((i / count) * 20_000)));
  const ids = await makeDue(ds, instants);
  ids.forEach((id, i) => due.set(id, instants[i].getTime()));
  const until = Date.now() + 60_000;
  while (delays.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  await consumer.disconnect();
  return { events: delays.length, p50Ms: pct(delays, 50), p99Ms: pct(delays, 99), maxMs: pct(delays, 100) };
}

async function runDeadlineBench({ brokers, databaseUrl, log: say = log }) {
  const big = Number(process.env.BENCH_OPEN_CLOCKS || 1_000_000);
  const sweepMs = Number(process.env.BENCH_SWEEP_MS || 1000);
  const { startDeadlineService } = require(path.join(ROOT, 'dist/apps/deadline-service/src/bootstrap'));
  const { DataSource } = require('typeorm');
  const app = await startDeadlineService(
    {
      // Not production: the bench's own database and broker; it sends no request that needs a token.
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers,
      LOG_LEVEL: 'error',
      PORT: '0',
      OUTBOX_POLL_MS: '50',
      DEADLINE_SWEEP_MS: String(sweepMs),
      DEADLINE_SWEEP_BATCH: '500',
    },
    { port: 0 },
  );
  const ds = app.get(DataSource);
  const results = { sweeps: [], delay: null };
  try {
    let open = 0;
    // Warm-up: the first firing pays for JIT compilation and cold caches; it is not measured.
    await seedOpenClocks(ds, 2000);
    open = 2000;
    await sweepCost(app, ds, open);
    for (const target of [10_000, big]) {
      const t = Date.now();
      await seedOpenClocks(ds, target - open);
      open = target;
      say(`${open.toLocaleString('en')} open clocks (${(open * 4).toLocaleString('en')} rungs) seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      results.sweeps.push(await sweepCost(app, ds, open));
    }
    results.delay = { ...(await delay([brokers], ds, 1000)), sweepIntervalMs: sweepMs, openClocks: open };
  } finally {
    await app.close();
  }
  return results;
}

module.exports = { runDeadlineBench };
