import { TopicRecorder } from '@overgang/testing';
import { answerProblem, Case, Family, materialise } from './cases';
import { Endpoint } from './catalogue';
import { Fixture, FixturePool } from './fixtures';
import { correlationOf, DbWatch, diffSnapshots, Quiescence, Snapshot } from './observer';
import { describeExchange, send, WireResponse } from './wire';

const accepted = (res: WireResponse) => res.ok && res.status >= 200 && res.status < 300;

export interface Tally {
  runs: number;
  statuses: Record<string, number>;
  accepted: number;
  fixturesMade: number;
  unattributedWrites: number;
  ms: number;
  /** Time of whole runs: building, sending, checking, waiting for the hub. */
  wallMs: number;
  /** Writes seen during a refused request that its replay did not repeat (the hub's own timers). */
  unattributedSamples: string[];
  /** The first few accepted cases: bad input the hub took (not a violation, but worth a look). */
  acceptedSamples: string[];
  /** The slowest answer and the case that caused it. */
  slowest: { ms: number; case: string } | null;
}

/** Counts per endpoint and family: what the hub answered (printed at the end, kept for the report). */
export class Stats {
  readonly tallies = new Map<string, Tally>();
  /** Time spent waiting for the hub to finish reacting (to accepted requests, new fixtures). */
  settles = { count: 0, ms: 0 };
  /** Messages published during a batch for no fuzzed request (fixtures made on the way, the hub's timers). */
  foreignMessages = 0;

  tally(endpoint: string, family: Family): Tally {
    const key = `${endpoint} · ${family}`;
    let t = this.tallies.get(key);
    if (!t) {
      t = {
        runs: 0,
        statuses: {},
        accepted: 0,
        fixturesMade: 0,
        unattributedWrites: 0,
        ms: 0,
        wallMs: 0,
        unattributedSamples: [],
        acceptedSamples: [],
        slowest: null,
      };
      this.tallies.set(key, t);
    }
    return t;
  }
}

export interface BatchStart {
  messagesBefore: number;
  writesBefore: string;
}

interface Batch {
  refused: Map<string, string>;
  accepted: Set<string>;
}

/**
 * Sends requests one at a time and checks each: the answer, and for a refused one that nothing was
 * written. Knows whether the hub is still reacting to an earlier accepted request, and if so lets it
 * finish first, so a write is never blamed on the wrong request.
 */
export class FuzzRunner {
  private dirty = true;
  private baseline: { writes: string; snapshot: Snapshot } | null = null;
  private serial = 0;
  private lastWrites: string | null = null;
  /** The outbox heads when the hub was last seen quiet (or after the last accepted request). */
  private lastOutbox = '';
  private batch: Batch = { refused: new Map(), accepted: new Set() };

  constructor(
    private readonly gateway: string,
    private readonly watch: DbWatch,
    private readonly quiet: Quiescence,
    private readonly recorder: TopicRecorder,
    private readonly pool: FixturePool,
    readonly stats: Stats,
    private readonly tag: string,
  ) {}

  private correlationId(): string {
    this.serial += 1;
    return `fuzz-${this.tag}-${this.serial}`;
  }

  private async settle(recorder = false): Promise<void> {
    const waited = await this.quiet.settle({ recorder });
    this.stats.settles.count += 1;
    this.stats.settles.ms += waited;
    if (process.env.FUZZ_DEBUG) process.stdout.write(`[fuzz] settled in ${waited} ms\n`);
    this.baseline = { writes: await this.watch.writes(), snapshot: await this.watch.snapshot() };
    this.lastWrites = this.baseline.writes;
    this.lastOutbox = await this.watch.outboxHead();
    this.dirty = false;
  }

  /** One property run: build the request, send it, check it. Throws with the exchange on a violation. */
  async exercise(e: Endpoint, family: Family, c: Case, replaceBudget: { left: number }): Promise<void> {
    const t = this.stats.tally(e.key, family);
    const started = Date.now();
    try {
      await this.exerciseOnce(e, family, c, replaceBudget, t);
    } finally {
      t.wallMs += Date.now() - started;
    }
  }

  private async exerciseOnce(
    e: Endpoint,
    family: Family,
    c: Case,
    replaceBudget: { left: number },
    t: Tally,
  ): Promise<void> {
    let fixture: Fixture | null = null;
    if (e.fixture) {
      const got = await this.pool.get(e.key, e.fixture, replaceBudget.left > 0);
      if (got.made) {
        replaceBudget.left -= 1;
        t.fixturesMade += 1;
        this.dirty = true;
      }
      fixture = got.fixture;
    }
    if (this.dirty) await this.settle();
    const req = materialise(e, c, fixture, this.correlationId());
    const corr = req.headers['x-correlation-id'] as string;
    // The count after the last request; a write in between is caught below like one by this request.
    const before = this.lastWrites ?? (await this.watch.writes());
    const res = await send(this.gateway, req);
    if (process.env.FUZZ_DEBUG)
      process.stdout.write(
        `[fuzz] ${e.key} ${family} ${res.ok ? res.status : res.error} ${res.ms} ms ${JSON.stringify(c).slice(0, 200)} writes ${before}→${await this.watch.writes()}\n`,
      );
    t.runs += 1;
    t.ms += res.ms;
    if (!t.slowest || res.ms > t.slowest.ms)
      t.slowest = { ms: res.ms, case: JSON.stringify(c).slice(0, 300) };
    const code = res.ok ? String(res.status) : 'no answer';
    t.statuses[code] = (t.statuses[code] ?? 0) + 1;

    const problem = answerProblem(res);
    if (problem) {
      this.lastWrites = null;
      throw new Error(`${problem}\n${describeExchange(req, res)}`);
    }

    if (accepted(res)) {
      t.accepted += 1;
      if (t.acceptedSamples.length < 5)
        t.acceptedSamples.push(`${res.ok ? res.status : 0} ${JSON.stringify(c).slice(0, 300)}`);
      this.batch.accepted.add(corr);
      if (e.consumes && e.fixture) this.pool.spend(e.key, e.fixture);
      this.lastWrites = await this.watch.writes();
      if (this.lastWrites === before) return;
      // It wrote. With a message in the outbox the other services react: let them finish first.
      // Without one nothing follows, but the snapshot no longer holds.
      const head = await this.watch.outboxHead();
      if (head !== this.lastOutbox) this.dirty = true;
      else this.baseline = null;
      this.lastOutbox = head;
      return;
    }
    this.batch.refused.set(corr, describeExchange(req, res));
    const after = await this.watch.writes();
    this.lastWrites = after;
    if (after === before) return; // not a single write statement ran

    // Something wrote while a refused request ran: the request, or the hub catching up on its own.
    let seen = 'not measured (no snapshot from just before)';
    if (this.baseline && this.baseline.writes === before) {
      const now = await this.watch.snapshot();
      const changed = diffSnapshots(this.baseline.snapshot, now);
      this.baseline = { writes: after, snapshot: now };
      if (changed.length === 0) return; // a statement that changed no row (or was rolled back)
      seen = changed.join('; ');
    }
    // Let the hub finish whatever it was doing, then send the same request again and look again.
    await this.settle();
    this.lastWrites = null;
    const again = { ...req, headers: { ...req.headers, 'x-correlation-id': this.correlationId() } };
    const base = this.baseline as { writes: string; snapshot: Snapshot };
    const replay = await send(this.gateway, again);
    const replayProblem = answerProblem(replay);
    if (replayProblem) throw new Error(`${replayProblem} (on replay)\n${describeExchange(again, replay)}`);
    const unattributed = () => {
      t.unattributedWrites += 1;
      if (t.unattributedSamples.length < 5)
        t.unattributedSamples.push(`${seen} — ${JSON.stringify(c).slice(0, 200)}`);
    };
    if (accepted(replay)) {
      this.dirty = true;
      unattributed();
      return;
    }
    this.batch.refused.set(again.headers['x-correlation-id'], describeExchange(again, replay));
    const changed = diffSnapshots(base.snapshot, await this.watch.snapshot());
    if (changed.length > 0) {
      this.dirty = true;
      throw new Error(
        `answered ${replay.ok ? replay.status : '-'} (refused) yet wrote: ${changed.join('; ')}\n${describeExchange(again, replay)}`,
      );
    }
    unattributed();
  }

  /** Starts a batch (one property): events are counted from here. */
  async beginBatch(): Promise<BatchStart> {
    this.batch = { refused: new Map(), accepted: new Set() };
    return { messagesBefore: this.recorder.messages.length, writesBefore: await this.watch.writes() };
  }

  /**
   * Ends a batch once the hub is quiet: every message published meanwhile must carry the correlation
   * id of an accepted request (or of no request of this suite: the hub's own timers). Returns the
   * violations.
   */
  async endBatch(start: BatchStart): Promise<{ violations: string[]; published: number; foreign: number }> {
    // Every message of the hub leaves through an outbox row: with no write at all, there is nothing to wait for.
    if (this.dirty || (await this.watch.writes()) !== start.writesBefore) await this.settle(true);
    const published = this.recorder.messages.slice(start.messagesBefore);
    const violations: string[] = [];
    let foreign = 0;
    for (const m of published) {
      const corr = correlationOf(m);
      if (corr && this.batch.refused.has(corr)) {
        violations.push(
          `${m.topic} (key ${m.key}) published for a refused request:\n${this.batch.refused.get(corr)}`,
        );
      } else if (!corr || !this.batch.accepted.has(corr)) {
        if (!corr?.startsWith(`fuzz-${this.tag}-`)) foreign += 1;
      }
    }
    this.stats.foreignMessages += foreign;
    return { violations, published: published.length, foreign };
  }
}
