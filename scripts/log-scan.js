#!/usr/bin/env node
// Scans what a test run printed for personal data: a number that passes the national-ID checksum
// (fødselsnummer, D-number, H-number, Tenor's +80 and Dolly's +40 synthetic months) and any person
// name the tests use. Usage: node scripts/log-scan.js [file] (default .test-output/jest.log).
'use strict';
const fs = require('fs');
const path = require('path');
const { idnr } = require('@navikt/fnrvalidator');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_LOG = path.join(ROOT, '.test-output', 'jest.log');

/** Eleven digits, or six and five with one space or dot between, not inside a longer word or number. */
const ELEVEN_DIGITS = /(?<![0-9A-Za-z])(\d{6})[ .]?(\d{5})(?![0-9A-Za-z])/g;
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
/** "Kari Løslatt", "Pasient Eksempel": two or more capitalised words, the shape of a person's name. */
const PERSON = /^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)+$/u;
/** name: 'Kari Løslatt', fullName: "…", guardianName: `…` in test code. */
const NAME_LITERAL = /\b(?:name|fullName|[a-z]+Name)\s*:\s*(['"`])((?:(?!\1)[^\\$\n])+)\1/g;
const TEST_FILE = /\.(?:spec|int-spec|e2e-spec|fuzz-spec)\.ts$/;

function isNationalId(digits) {
  return idnr(digits).status === 'valid';
}

/** The names the factories hand out (TEST_PERSON_NAMES in libs/testing/src/factories.ts). */
function factoryNames(root = ROOT) {
  const source = fs.readFileSync(path.join(root, 'libs/testing/src/factories.ts'), 'utf8');
  const block = /export const TEST_PERSON_NAMES = \{([^}]*)\}/.exec(source);
  if (!block) throw new Error('libs/testing/src/factories.ts no longer exports TEST_PERSON_NAMES');
  return [...block[1].matchAll(/:\s*'([^']+)'/g)].map((m) => m[1]);
}

function* testSources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* testSources(file);
    else if (entry.name.endsWith('.ts')) yield file;
  }
}

/** Every person name the tests use: the factories' list and the person-shaped name literals in test code. */
function collectTestNames(root = ROOT) {
  const names = new Set(factoryNames(root));
  for (const top of ['apps', 'libs', 'tests']) {
    const dir = path.join(root, top);
    if (!fs.existsSync(dir)) continue;
    for (const file of testSources(dir)) {
      const rel = path.relative(root, file);
      if (
        !TEST_FILE.test(file) &&
        !rel.startsWith('tests' + path.sep) &&
        !rel.startsWith(path.join('libs', 'testing'))
      )
        continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(NAME_LITERAL)) {
        if (PERSON.test(m[2])) names.add(m[2]);
      }
    }
  }
  return [...names].sort();
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function namePattern(names) {
  if (names.length === 0) return null;
  const alternatives = names.map((n) => escape(n).replace(/[ -]/g, '[\\s-]+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** A window of the line around the first hit, with every hit replaced by its kind: the report leaks nothing. */
function masked(line, hits) {
  let text = '';
  let at = 0;
  for (const h of [...hits].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    text += line.slice(at, h.start) + `[${h.kind}]`;
    at = h.end;
  }
  text += line.slice(at);
  const first = text.indexOf('[');
  const from = Math.max(0, first - 80);
  return `${from > 0 ? '…' : ''}${text.slice(from, from + 200)}${text.length > from + 200 ? '…' : ''}`;
}

/** Findings in a text: [{ line, kinds, text }], text masked. */
function scanText(text, names = []) {
  const byName = namePattern(names);
  const findings = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(ANSI, '');
    const hits = [];
    for (const m of line.matchAll(ELEVEN_DIGITS)) {
      if (isNationalId(m[1] + m[2]))
        hits.push({ kind: 'national ID', start: m.index, end: m.index + m[0].length });
    }
    if (byName) {
      for (const m of line.matchAll(byName))
        hits.push({ kind: 'test name', start: m.index, end: m.index + m[0].length });
    }
    if (hits.length > 0) {
      findings.push({ line: i + 1, kinds: [...new Set(hits.map((h) => h.kind))], text: masked(line, hits) });
    }
  });
  return findings;
}

function scanFile(file = DEFAULT_LOG, names = collectTestNames()) {
  return scanText(fs.readFileSync(file, 'utf8'), names);
}

/** Prints the findings; returns the exit code (0 clean, 1 personal data found). */
function report(file, findings, out = process.stderr) {
  const rel = path.relative(process.cwd(), file) || file;
  if (findings.length === 0) {
    out.write(`log scan: no national IDs or test names in ${rel}\n`);
    return 0;
  }
  out.write(
    `log scan: personal data in ${rel} (${findings.length} line${findings.length === 1 ? '' : 's'}):\n`,
  );
  for (const f of findings.slice(0, 50)) out.write(`  line ${f.line}: ${f.text}\n`);
  if (findings.length > 50) out.write(`  … and ${findings.length - 50} more\n`);
  return 1;
}

module.exports = { scanText, scanFile, collectTestNames, factoryNames, isNationalId, report, DEFAULT_LOG };

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? DEFAULT_LOG);
  try {
    process.exitCode = report(file, scanFile(file));
  } catch (err) {
    process.stderr.write(`log scan: could not scan ${file}: ${err.message}\n`);
    process.exitCode = 2;
  }
}
