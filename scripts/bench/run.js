'use strict';
// `npm run bench`: runs the benchmarks and prints a Markdown report, also written to
// bench/results/latest.md with the raw numbers beside it in latest.json.
const os = require('os');
const fs = require('fs');
const path = require('path');
const { runDeadlineBench } = require('./deadline-bench');
const { KAFKA_VERSION } = require('../kafka/kafka');

async function main() {
  const started = new Date();
  const deadline = await runDeadlineBench();
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    kafka: KAFKA_VERSION,
  };
  const lines = [
    `# Overgang benchmarks — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB; Node ${machine.node}; Kafka ${machine.kafka}; PostgreSQL on the same machine.`,
    '',
    '## Deadline engine',
    '',
    '| open clocks | rungs | fire 1,000 due rungs (ms) | empty sweep p50 (ms) | due-rung index used |',
    '|---:|---:|---:|---:|:---:|',
    ...deadline.sweeps.map(
      (s) => `| ${s.openClocks.toLocaleString('en')} | ${(s.openClocks * 4).toLocaleString('en')} | ${s.fireThousandMs} | ${s.emptySweepMsP50.toFixed(2)} | ${s.usesIndex ? 'yes' : 'no'} |`,
    ),
    '',
    `Delay from a rung's due time to its event on Kafka, ${deadline.delay.openClocks.toLocaleString('en')} clocks open, scheduler tick ${deadline.delay.sweepIntervalMs} ms: ` +
      `p50 ${deadline.delay.p50Ms} ms, p99 ${deadline.delay.p99Ms} ms, max ${deadline.delay.maxMs} ms (${deadline.delay.events} events).`,
    '',
  ];
  const report = lines.join('\n');
  const dir = path.join(__dirname, '..', '..', 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.md'), report);
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ startedAt: started.toISOString(), machine, deadline }, null, 2) + '\n');
  console.log(report);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
