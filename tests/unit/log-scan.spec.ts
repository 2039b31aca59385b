import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { aNationalId, TEST_PERSON_NAMES } from '@overgang/testing';
import { mod11Control } from '../../libs/norway/src/mod11';

/* eslint-disable @typescript-eslint/no-require-imports */
const scan = require('../../scripts/log-scan.js');

const ROOT = join(__dirname, '..', '..');
const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** A number with valid control digits for the first nine digits given (the first individual number that has them). */
function withControls(dateDigits: string): string {
  for (let individual = 0; individual < 500; individual++) {
    const base = `${dateDigits}${String(individual).padStart(3, '0')}`;
    const k1 = mod11Control(base, K1);
    const k2 = k1 === 10 ? 10 : mod11Control(`${base}${k1}`, K2);
    if (k1 !== 10 && k2 !== 10) return `${base}${k1}${k2}`;
  }
  throw new Error('no number for that date');
}

const names: string[] = scan.collectTestNames();
const kinds = (text: string) => scan.scanText(text, names).map((f: { kinds: string[] }) => f.kinds);

describe('log scan', () => {
  it('finds a planted national ID: ordinary, D-number, Tenor (+80) and Dolly (+40), bare or split 6+5', () => {
    const ordinary = withControls('150385');
    const dNumber = withControls('550385');
    const dolly = withControls('154385');
    const tenor = aNationalId();
    const text = [
      `{"level":"warn","msg":"insert failed","detail":"Key (person_national_id)=(${ordinary})"}`,
      `dnr ${dNumber} here`,
      `dolly:${dolly}`,
      `tenor ${tenor.slice(0, 6)} ${tenor.slice(6)} and ${tenor.slice(0, 6)}.${tenor.slice(6)}`,
    ].join('\n');
    const findings = scan.scanText(text, names);
    expect(findings.map((f: { line: number }) => f.line)).toEqual([1, 2, 3, 4]);
    expect(findings.every((f: { kinds: string[] }) => f.kinds.includes('national ID'))).toBe(true);
  });

  it('finds every name the factories hand out, and the names written in test files', () => {
    for (const name of Object.values(TEST_PERSON_NAMES)) {
      expect(kinds(`{"person":{"name":"${name}"}}`)).toEqual([['test name']]);
    }
    expect(kinds('GET /api/v1/referrals 200 for Kari Løslatt')).toEqual([['test name']]);
    expect(names).toEqual(expect.arrayContaining(['Kari Løslatt', 'Fuzz Eksempel']));
    expect(names).not.toEqual(expect.arrayContaining(['NAV Drammen']));
    expect(names.some((n) => /påskedag|kommune/.test(n))).toBe(false);
  });

  it('masks what it found in its report', () => {
    const nationalId = aNationalId();
    const [finding] = scan.scanText(`x ${nationalId} ${TEST_PERSON_NAMES.releaseNotice} y`, names);
    expect(finding.text).toBe('x [national ID] [test name] y');
  });

  it('passes clean output, and an eleven-digit number whose control digits fail', () => {
    const valid = aNationalId();
    const failing = `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`;
    const text = [
      'PASS int libs/messaging/src/messaging.int-spec.ts (48.703 s)',
      '{"level":"warn","time":"2026-01-12T10:00:00.000Z","service":"referral-service","correlationId":"5abd940e-b6ac-4522-9e07-95cd3e000361","msg":"request failed","err":{"type":"QueryFailedError","code":"23505","table":"referral"}}',
      `Tests: 12 passed, 12 total; organisation 100000016, account 1234.56.78903, at 1796132622838, ${failing}`,
      'dead-lettered 12345678-1234-1234-1234-123456789012 from referral.submitted.v1/2@12345678901234',
    ].join('\n');
    expect(scan.scanText(text, names)).toEqual([]);
  });

  it('runs jest through the wrapper: keeps its exit code, tees its output, and fails a passing run that printed a national ID', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-scan-'));
    try {
      const config = JSON.stringify({ rootDir: dir, testEnvironment: 'node', transform: {} });
      const run = (file: string, body: string) => {
        writeFileSync(join(dir, file), body);
        const out = join(dir, `${file}.log`);
        const result = spawnSync(process.execPath, ['scripts/test-run.js', '--config', config, file], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, TEST_OUTPUT_FILE: out, FORCE_COLOR: '0' },
        });
        return {
          status: result.status,
          output: `${result.stdout}${result.stderr}`,
          copy: readFileSync(out, 'utf8'),
        };
      };

      const clean = run('clean.test.js', "test('quiet', () => { console.log('all well'); });");
      expect(clean.status).toBe(0);
      expect(clean.copy).toContain('all well');
      expect(clean.output).toContain('log scan: no national IDs or test names');

      const failing = run('failing.test.js', "test('fails', () => { expect(1).toBe(2); });");
      expect(failing.status).toBe(1);

      const leaky = run(
        'leaky.test.js',
        `test('leaks', () => { console.log(${JSON.stringify(`inserting ${aNationalId()}`)}); });`,
      );
      expect(leaky.status).toBe(1);
      expect(leaky.copy).toMatch(/Tests:\s+1 passed/);
      expect(leaky.output).toMatch(/log scan: personal data in .*\n\s+line \d+: .*inserting \[national ID\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
