import { Client } from 'pg';
import { Admin, AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, dlqTopic } from '@overgang/contracts';
import { RecordedMessage, TopicRecorder } from '@overgang/testing';

/** Each service's own schema, and the consumer group it reads Kafka with (its service name). */
export const SERVICE_SCHEMAS = ['referral', 'routing', 'deadline'] as const;
const CONSUMER_GROUPS = ['referral-service', 'routing-service', 'deadline-service'];
/** Bookkeeping of the migration runner, not data. */
const NOT_DATA = new Set(['migrations', 'typeorm_metadata']);
/** Written for refused requests too, on purpose: a refused by-id attempt (404/403) is logged there. */
const WRITTEN_WHEN_REFUSED = new Set(['access_log']);
/** The suite's own schema for its write probe (see DbWatch). */
const PROBE = 'fuzz_probe';

export const RECORDED_TOPICS = [...ALL_TOPICS, ...ALL_TOPICS.map((t) => dlqTopic(t))];

export type Snapshot = Map<string, { rows: number; newest: string }>;

/**
 * What the hub's database holds, cheaply. A statement trigger on every table of the service schemas
 * bumps a sequence (non-transactional, so even a rolled-back write counts): an unchanged count means
 * nothing at all was written in this database. (Transaction ids would be cheaper still, but they are
 * shared by every database of the server, and other test runs may use the same server.) On a change,
 * a snapshot tells what: per table its row count and newest row version (an UPDATE moves xmin, a
 * DELETE the count). Tables are read from the catalogue, so a table added by a migration is watched.
 */
export class DbWatch {
  private snapshotSql = '';
  tables: string[] = [];

  constructor(private readonly db: Client) {}

  async install(): Promise<void> {
    const { rows } = await this.db.query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
      [SERVICE_SCHEMAS],
    );
    this.tables = rows
      .filter((r) => !NOT_DATA.has(r.t) && !WRITTEN_WHEN_REFUSED.has(r.t))
      .map((r) => `${r.s}.${r.t}`);
    this.snapshotSql = this.tables
      .map((name) => {
        const [s, t] = name.split('.');
        return `SELECT '${name}' AS t, count(*)::int AS n, coalesce(max(xmin::text::bigint), 0)::text AS x FROM "${s}"."${t}"`;
      })
      .join(' UNION ALL ');
    await this.db.query(`CREATE SCHEMA IF NOT EXISTS ${PROBE}`);
    await this.db.query(`CREATE SEQUENCE IF NOT EXISTS ${PROBE}.writes`);
    await this.db.query(
      `CREATE OR REPLACE FUNCTION ${PROBE}.bump() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN PERFORM nextval('${PROBE}.writes'); RETURN NULL; END $$`,
    );
    for (const name of this.tables) {
      const [s, t] = name.split('.');
      await this.db.query(`DROP TRIGGER IF EXISTS ${PROBE}_writes ON "${s}"."${t}"`);
      await this.db.query(
        `CREATE TRIGGER ${PROBE}_writes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${s}"."${t}"
         FOR EACH STATEMENT EXECUTE FUNCTION ${PROBE}.bump()`,
      );
    }
  }

  /** Leaves the database as the services made it, for suites that run after this one. */
  async uninstall(): Promise<void> {
    for (const name of this.tables) {
      const [s, t] = name.split('.');
      await this.db.query(`DROP TRIGGER IF EXISTS ${PROBE}_writes ON "${s}"."${t}"`);
    }
    await this.db.query(`DROP SCHEMA IF EXISTS ${PROBE} CASCADE`);
  }

  /** How many write statements ran so far: unchanged means nothing at all was written. */
  async writes(): Promise<string> {
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS n FROM ${PROBE}.writes`,
    );
    return rows[0].n;
  }

  async snapshot(): Promise<Snapshot> {
    const { rows } = await this.db.query<{ t: string; n: number; x: string }>(this.snapshotSql);
    return new Map(rows.map((r) => [r.t, { rows: r.n, newest: r.x }]));
  }

  /** The newest outbox row of each service: unchanged means no message was written. */
  async outboxHead(): Promise<string> {
    const sql = SERVICE_SCHEMAS.map((s) => `SELECT coalesce(max(seq), 0)::text AS n FROM "${s}".outbox`).join(
      ' UNION ALL ',
    );
    const { rows } = await this.db.query<{ n: string }>(sql);
    return rows.map((r) => r.n).join(',');
  }

  async unpublishedOutbox(): Promise<number> {
    const sql = SERVICE_SCHEMAS.map(
      (s) => `SELECT count(*)::int AS n FROM "${s}".outbox WHERE published_at IS NULL`,
    ).join(' UNION ALL ');
    const { rows } = await this.db.query<{ n: number }>(sql);
    return rows.reduce((a, r) => a + r.n, 0);
  }
}

/** Tables whose rows or newest row version differ, e.g. `referral.consent rows 12→13`. */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [t, a] of after) {
    const b = before.get(t);
    if (!b) out.push(`${t} appeared with ${a.rows} rows`);
    else if (b.rows !== a.rows) out.push(`${t} rows ${b.rows}→${a.rows}`);
    else if (b.newest !== a.newest) out.push(`${t} a row was updated (newest xmin ${b.newest}→${a.newest})`);
  }
  for (const t of before.keys()) if (!after.has(t)) out.push(`${t} disappeared`);
  return out;
}

/**
 * Knows when the hub has finished reacting: every service's consumer group has committed up to the
 * end of what it reads, no outbox row waits, and the recorder has seen every message on the topics.
 */
export class Quiescence {
  private admin: Admin | null = null;

  constructor(
    private readonly brokers: string[],
    private readonly watch: DbWatch,
    private readonly recorder: TopicRecorder,
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'fuzz-quiescence',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
    });
    this.admin = kafka.admin();
    await this.admin.connect();
  }

  async stop(): Promise<void> {
    await this.admin?.disconnect();
  }

  private async highWatermarks(topics: string[]): Promise<Map<string, number>> {
    const admin = this.admin as Admin;
    const marks = new Map<string, number>();
    const all = await Promise.all(
      topics.map(async (topic) => ({ topic, parts: await admin.fetchTopicOffsets(topic) })),
    );
    for (const { topic, parts } of all)
      for (const p of parts) marks.set(`${topic}/${p.partition}`, Number(p.high));
    return marks;
  }

  private assigned: {
    at: number;
    groups: Array<{ group: string; parts: Array<{ topic: string; partition: number }> }>;
  } | null = null;

  /** The partitions each service's consumer group has been given (they change only on a rebalance). */
  private async assignments(): Promise<
    Array<{ group: string; parts: Array<{ topic: string; partition: number }> }>
  > {
    if (this.assigned && Date.now() - this.assigned.at < 2_000) return this.assigned.groups;
    const { groups } = await (this.admin as Admin).describeGroups(CONSUMER_GROUPS);
    const found = groups.map((g) => ({
      group: g.groupId,
      parts: g.members.flatMap((m) =>
        Object.entries(
          AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {},
        ).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition }))),
      ),
    }));
    this.assigned = found.every((g) => g.parts.length > 0) ? { at: Date.now(), groups: found } : null;
    return found;
  }

  private async lagging(
    assigned: Array<{ group: string; parts: Array<{ topic: string; partition: number }> }>,
    marks: Map<string, number>,
  ): Promise<string[]> {
    const admin = this.admin as Admin;
    const perGroup = await Promise.all(
      assigned.map(async ({ group, parts }) => {
        if (parts.length === 0) return [`${group} has no partitions assigned`];
        const topics = [...new Set(parts.map((p) => p.topic))];
        const committed = await admin.fetchOffsets({ groupId: group, topics });
        const at = new Map<string, number>();
        for (const t of committed)
          for (const p of t.partitions) at.set(`${t.topic}/${p.partition}`, Number(p.offset));
        return parts
          .map(({ topic, partition }) => `${topic}/${partition}`)
          .filter((key) => (marks.get(key) ?? 0) > 0 && (at.get(key) ?? -1) < (marks.get(key) ?? 0))
          .map((key) => `${group} behind on ${key}`);
      }),
    );
    return perGroup.flat();
  }

  /**
   * Waits until the hub is quiet; returns how long that took. Quiet: no consumer behind, no outbox
   * row waiting, not one write while this was being checked (publishing and consuming both write),
   * and with `recorder`, the recorder has seen every message on the topics.
   */
  async settle(options: { recorder: boolean }, timeoutMs = 60_000): Promise<number> {
    const started = Date.now();
    let why = 'never checked';
    while (Date.now() - started < timeoutMs) {
      // Cheap first: the relay usually publishes within milliseconds.
      if ((await this.watch.unpublishedOutbox()) > 0) {
        why = 'outbox rows unpublished';
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const before = await this.watch.writes();
      const assigned = await this.assignments();
      const consumed = [...new Set(assigned.flatMap((a) => a.parts.map((p) => p.topic)))];
      const marks = await this.highWatermarks(options.recorder ? RECORDED_TOPICS : consumed);
      const [behind, pending] = await Promise.all([
        this.lagging(assigned, marks),
        this.watch.unpublishedOutbox(),
      ]);
      const total = [...marks.values()].reduce((a, b) => a + b, 0);
      const seen = this.recorder.messages.length;
      const caughtUp = !options.recorder || seen >= total;
      const after = await this.watch.writes();
      if (behind.length === 0 && pending === 0 && caughtUp && before === after) return Date.now() - started;
      why = [
        ...behind.slice(0, 3),
        pending ? `outbox ${pending} unpublished` : '',
        caughtUp ? '' : `recorder ${seen}/${total}`,
        before === after ? '' : 'still writing',
      ]
        .filter(Boolean)
        .join('; ');
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`the hub did not settle within ${timeoutMs} ms: ${why}`);
  }
}

/** The correlation id an envelope on a topic (or its dead letter) carries. */
export function correlationOf(m: RecordedMessage): string | null {
  try {
    const envelope = JSON.parse(m.value ?? 'null') as { correlationId?: unknown } | null;
    return typeof envelope?.correlationId === 'string' ? envelope.correlationId : null;
  } catch {
    return null;
  }
}
