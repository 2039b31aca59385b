import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const RUNNER = path.join(ROOT, 'scripts', 'walkthrough', 'run.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { extractBlocks } = require(RUNNER) as {
  extractBlocks: (markdown: string) => Array<{ section: string; line: number; code: string }>;
};

/**
 * The README's curl walk-throughs, run as written by scripts/walkthrough/run.js against a fresh
 * `npm start` (its own ports, Kafka data dir and database). The blocks print synthetic national IDs
 * and demo names, so their output stays in a file; only the runner's summary (masked) reaches jest.
 */
describe('README walk-throughs', () => {
  it('are taken from the walk-through sections, in order, and need no placeholder filled in', () => {
    const blocks = extractBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    const all = blocks.map((b) => b.code).join('\n');
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    expect(all).toContain('/release-date'); // a release date is moved
    expect(all).toContain('/api/v1/directory/unroutable'); // a referral the directory cannot route
    // Every date is counted from today: no literal day that would one day lie in the past.
    expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // No value left for the reader to fill in.
    expect(all).not.toMatch(/\$TOKEN\b|@notice\.json|<[a-z-]+>|…/);
    // Every call fails on an error answer, so the run below fails with it.
    for (const line of all.split('\n').filter((l) => /(^|[\s(])curl /.test(l))) {
      expect(line).toMatch(/curl (-fsS|-s -o \/dev\/null -w)/);
    }
  });

  it('run through against npm start', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'overgang-walkthrough-out-'));
    const db = `${process.env.TEST_DATABASE_NAME ?? 'overgang_test'}_walkthrough`;
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [RUNNER], {
        cwd: ROOT,
        env: { ...process.env, WALKTHROUGH_DATABASE: db, WALKTHROUGH_OUTPUT_DIR: out },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (b: Buffer) => (text += b.toString()));
      child.stderr.on('data', (b: Buffer) => (text += b.toString()));
      child.once('exit', (c) => resolve({ code: c, output: text }));
    });
    // The runner prints only a summary, with any national ID or test name masked.
    expect({ code, output }).toEqual({
      code: 0,
      output: expect.stringContaining('README blocks ran through'),
    });
    fs.rmSync(out, { recursive: true, force: true });
  }, 600_000);
});
