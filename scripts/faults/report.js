'use strict';
// The fault suite's report: a Markdown table (printed and written to bench/results/faults.md) and
// every figure in faults.json.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const cell = (x) => (x === null || x === undefined ? '—' : String(x));

function markdown(report) {
  const rows = report.scenarios;
  const lines = [
    `# Overgang fault suite — ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${report.machine}. Own Kafka broker (127.0.0.1:${report.ports.kafka}), own embedded PostgreSQL (127.0.0.1:${report.ports.postgres}), the four services on ${report.ports.services}. One run, ${report.durationSeconds} s.`,
    '',
    '| scenario | submitted | 201 | refused | other 5xx | lost | doubled | recovery s | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|:---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${cell(r.submitted)} | ${cell(r.accepted)} | ${cell(r.refused)} | ${cell(r.other5xx)} | ${cell(r.lost)} | ${cell(r.doubled)} | ${cell(r.recoverySeconds)} | ${r.passed ? 'pass' : '**FAIL**'} |`,
    ),
    '',
    'Recovery: seconds from the end of the fault until every service and the gateway answer /health 200, no outbox holds an unpublished row, no consumer group lags, and every accepted referral is routed with its clocks in all three services (for ctrl-c: until every process is gone). "refused" are 4xx answers, every 25th submission by design; "lost" is a 201 (or a stored referral) not complete in every service; "doubled" counts people with two referrals and referrals routed, clocked or projected twice.',
    '',
  ];
  for (const r of rows) {
    lines.push(`**${r.name}** — ${r.fault ?? ''}`);
    for (const f of r.failures ?? []) lines.push(`- FAIL: ${f}`);
    for (const n of r.notes ?? []) lines.push(`- ${n}`);
    if (r.latencyMs)
      lines.push(
        `- 201 latency incl. retries p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`,
      );
    lines.push('');
  }
  const passed = rows.filter((r) => r.passed).length;
  lines.push(`${passed} passed, ${rows.length - passed} failed`);
  return lines.join('\n') + '\n';
}

function writeReport(report) {
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const md = markdown(report);
  fs.writeFileSync(path.join(dir, 'faults.md'), md);
  fs.writeFileSync(path.join(dir, 'faults.json'), JSON.stringify(report, null, 2) + '\n');
  return md;
}

module.exports = { writeReport };
