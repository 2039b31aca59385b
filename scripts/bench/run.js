'use strict';
// `npm run bench`: one run measures the raw limits of Kafka and PostgreSQL on this machine, the
// hub under HTTP load, and the deadline engine, and prints a Markdown report (also written to
// bench/results/latest.md, with the raw numbers in latest.json). It starts its own broker and
// databases unless KAFKA_BROKERS / DATABASE_URL point at running ones.
const os = require('os');
const fs = require('fs');
const path = require('path');
const kafka = require('../kafka/kafka');
const { resolvePostgres } = require('../postgres');
const { kafkaRoundTrip, postgresCommits } = require('./raw-bench');
const { runHubBench } = require('./hub-bench');
const { runDeadlineBench } = require('./deadline-bench');

const ROOT = path.join(__dirname, '..', '..');
const log = (m) => process.stderr.write(`[bench] ${m}\n`);
/** referral.submitted, routing.referral-routed, and three deadline.opened (two acknowledgements, one housing outcome). */
const MESSAGES_PER_NOTICE = 5;
/** The submission, routing, opening the clocks, and four projections in the referral service. */
const COMMITS_PER_NOTICE = 7;
const pctOf = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`;
const n = (x) => (x === null || x === undefined ? '—' : Number(x).toLocaleString('en'));

async function main() {
  const started = new Date();
  const t0 = Date.now();
  let kafkaDir = null;
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    kafkaDir = path.join(os.tmpdir(), 'overgang-bench-kafka');
    await kafka.fetchJars();
    await kafka.stopBroker({ dataDir: kafkaDir });
    fs.rmSync(kafkaDir, { recursive: true, force: true });
    const port = Number(process.env.BENCH_KAFKA_PORT || 19192);
    brokers = (await kafka.startBroker({ dataDir: kafkaDir, port, controllerPort: port + 1 })).brokers;
  }
  const dataDir = path.join(ROOT, '.data', 'pg');
  const hubDb = await resolvePostgres({ database: 'overgang_bench', dataDir, fresh: true });
  const deadlineDb = await resolvePostgres({ database: 'overgang_bench_deadline', dataDir, fresh: true });
  const report = { startedAt: started.toISOString() };
  try {
    log('raw limits: Kafka round trip…');
    report.kafka = await kafkaRoundTrip([brokers]);
    log(`  ${JSON.stringify(report.kafka)}`);
    log('raw limits: PostgreSQL insert + commit…');
    report.postgres = await postgresCommits(hubDb.url);
    log(`  ${JSON.stringify(report.postgres)}`);
    log('the hub under load…');
    report.hub = await runHubBench({ brokers, databaseUrl: hubDb.url, log });
    log('the deadline engine…');
    report.deadline = await runDeadlineBench({ brokers, databaseUrl: deadlineDb.url, log });
  } finally {
    if (kafkaDir) await kafka.stopBroker({ dataDir: kafkaDir });
    await hubDb.stop();
    await deadlineDb.stop();
  }
  report.durationSeconds = Math.round((Date.now() - t0) / 1000);
  report.machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    kafka: kafka.KAFKA_VERSION,
    postgres: hubDb.source,
  };
  const h = report.hub;
  const d = report.deadline;
  const md = [
    `# Overgang benchmarks — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${report.machine.cores} cores (${report.machine.cpu}), ${report.machine.memoryGiB} GiB; Node ${report.machine.node}; Kafka ${report.machine.kafka}; PostgreSQL (${report.machine.postgres}). One run, ${report.durationSeconds} s.`,
    '',
    '## Raw limits (the hub\'s settings)',
    '',
    '| what | per second | latency p50 | latency p99 |',
    '|---|---:|---:|---:|',
    `| Kafka produce → consume (idempotent, acks=all, 1 in flight, batches of ${report.kafka.batch}, 3 partitions) | ${n(report.kafka.roundTripPerSecond)} messages | ${n(report.kafka.latencyP50Ms)} ms | ${n(report.kafka.latencyP99Ms)} ms |`,
    `| PostgreSQL insert + commit (pool of ${report.postgres.poolSize}, ${report.postgres.workers} workers) | ${n(report.postgres.commitsPerSecond)} commits | | |`,
    '',
    '## The hub: release notices over HTTP through the gateway',
    '',
    '| load | sent | accepted / s | errors | HTTP p50 | HTTP p99 |',
    '|---|---:|---:|---:|---:|---:|',
    `| fixed ${h.fixed.targetPerSecond}/s | ${n(h.fixed.sent)} | ${h.fixed.acceptedPerSecond} | ${h.fixed.errors} | ${h.fixed.httpP50Ms} ms | ${h.fixed.httpP99Ms} ms |`,
    ...h.steps.map((s) => `| step ${s.targetPerSecond}/s | ${n(s.sent)} | ${s.acceptedPerSecond} | ${s.errors} | ${s.httpP50Ms} ms | ${s.httpP99Ms} ms |`),
    '',
    `Highest rate sustained without errors (≥ 90 % of target, p99 < 2 s): **${h.sustainedPerSecond} release notices/s**.`,
    '',
    '| from the HTTP 201 to … (fixed rate) | p50 | p95 | p99 |',
    '|---|---:|---:|---:|',
    `| the routing event (routing.referral-routed.v1) | ${n(h.toRouted.p50Ms)} ms | ${n(h.toRouted.p95Ms)} ms | ${n(h.toRouted.p99Ms)} ms |`,
    `| the first opened clock (deadline.opened.v1) | ${n(h.toOpened.p50Ms)} ms | ${n(h.toOpened.p95Ms)} ms | ${n(h.toOpened.p99Ms)} ms |`,
    '',
    `Ratio to the raw limits: ${h.sustainedPerSecond} notices/s is ${pctOf(h.sustainedPerSecond, report.kafka.roundTripPerSecond)} of Kafka's messages/s and ${pctOf(h.sustainedPerSecond, report.postgres.commitsPerSecond)} of PostgreSQL's commits/s. ` +
      `Each notice makes ${MESSAGES_PER_NOTICE} Kafka messages and about ${COMMITS_PER_NOTICE} commits across the hub, so the hub then uses ${pctOf(h.sustainedPerSecond * MESSAGES_PER_NOTICE, report.kafka.roundTripPerSecond)} of Kafka's and ${pctOf(h.sustainedPerSecond * COMMITS_PER_NOTICE, report.postgres.commitsPerSecond)} of PostgreSQL's raw capacity.`,
    '',
    '| peak RSS | MiB |',
    '|---|---:|',
    ...Object.entries(h.peakRssMiB).map(([name, mib]) => `| ${name} | ${n(mib)} |`),
    '',
    '## Deadline engine',
    '',
    '| open clocks | rungs | fire 1,000 due rungs (ms) | empty sweep p50 (ms) | due-rung index used |',
    '|---:|---:|---:|---:|:---:|',
    ...d.sweeps.map(
      (s) => `| ${n(s.openClocks)} | ${n(s.openClocks * 4)} | ${s.fireThousandMs} | ${s.emptySweepMsP50.toFixed(2)} | ${s.usesIndex ? 'yes' : 'no'} |`,
    ),
    '',
    `Delay from a rung's due time to its event on Kafka, ${n(d.delay.openClocks)} clocks open, scheduler tick ${d.delay.sweepIntervalMs} ms: ` +
      `p50 ${d.delay.p50Ms} ms, p99 ${d.delay.p99Ms} ms, max ${d.delay.maxMs} ms (${d.delay.events} events).`,
    '',
  ].join('\n');
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.md'), md);
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(md);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
