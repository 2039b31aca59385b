#!/usr/bin/env node
// Runs jest with the given arguments, printing its output as usual and keeping a copy in
// .test-output/jest.log, then scans that copy for personal data (scripts/log-scan.js). Exits with
// jest's code, or 1 when jest passed but the scan found a national ID or a test person's name.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { DEFAULT_LOG, report, scanFile } = require('./log-scan');

const log = process.env.TEST_OUTPUT_FILE ? path.resolve(process.env.TEST_OUTPUT_FILE) : DEFAULT_LOG;
fs.mkdirSync(path.dirname(log), { recursive: true });
const copy = fs.createWriteStream(log);

const env = { ...process.env };
// Piped output loses jest's colours; keep them for a terminal (the scan strips them).
if (process.stdout.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';

const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...process.argv.slice(2)], {
  stdio: ['inherit', 'pipe', 'pipe'],
  env,
});
jest.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  copy.write(chunk);
});
jest.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  copy.write(chunk);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => jest.kill(signal));

jest.on('close', (code, signal) => {
  const jestCode = code ?? (signal ? 1 : 0);
  copy.end(() => {
    let scanCode;
    try {
      scanCode = report(log, scanFile(log));
    } catch (err) {
      process.stderr.write(`log scan: could not scan ${log}: ${err.message}\n`);
      scanCode = 2;
    }
    process.exit(jestCode !== 0 ? jestCode : scanCode);
  });
});
