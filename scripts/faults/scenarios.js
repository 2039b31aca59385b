'use strict';
// The faults: each injects one, drives release notices through the gateway meanwhile, and
// returns its row of the report (see assess.js for what is checked).
require('../register-paths');
const { randomUUID } = require('crypto');
const { spawnSync } = require('child_process');
const { setTimeout: sleep } = require('timers/promises');
const { Kafka, logLevel, Partitioners } = require('kafkajs');
const { ALL_TOPICS } = require('@overgang/contracts');
const {
  planSubmissions,
  submitAll,
  withRetries,
  pool,
  daysFromNow,
  MUNICIPALITIES,
  SENDER,
} = require('./client');
const { assess, awaitRecovery, percentiles } = require('./assess');
const { bounded } = require('./checks');
const { ensureFaketime } = require('./infra');

const until = (t0, ms) => sleep(Math.max(0, t0 + ms - Date.now()));
const secs = (t0, t) => `${((t - t0) / 1000).toFixed(1)} s`;

/** (a) The broker paused 15 s (SIGSTOP/SIGCONT of its JVM), then killed (SIGKILL) and restarted, during 300 submissions. */
async function brokerFaults(ctx) {
  const base = ctx.hub.urls.gateway;
  const plan = await planSubmissions(base, 300);
  const dlqBefore = await ctx.observer.deadLetters();
  const t0 = Date.now();
  const marks = {};
  const faults = (async () => {
    await until(t0, 2000);
    ctx.broker.pause();
    marks.paused = Date.now();
    await until(t0, 17_000);
    ctx.broker.resume();
    marks.resumed = Date.now();
    await until(t0, 27_000);
    const oldPid = ctx.broker.pid;
    await ctx.broker.kill();
    marks.killed = Date.now();
    await sleep(3000);
    marks.restarted = Date.now();
    await ctx.broker.start();
    marks.ready = Date.now();
    marks.pids = `${oldPid} → ${ctx.broker.pid}`;
  })();
  const [results] = await Promise.all([submitAll(base, plan, { rate: 7.5 }), faults]);
  const recovery = await awaitRecovery(
    ctx,
    results.filter((r) => r.status === 201).map((r) => r.id),
    marks.restarted,
  );
  const row = await assess(ctx, {
    name: 'a. broker paused 15 s, then killed',
    fault: `SIGSTOP java at ${secs(t0, marks.paused)}, SIGCONT at ${secs(t0, marks.resumed)}; SIGKILL at ${secs(t0, marks.killed)}, restarted at ${secs(t0, marks.restarted)} (ready after ${secs(marks.restarted, marks.ready)}; pid ${marks.pids})`,
    results,
    recovery,
    dlqBefore,
  });
  // Later scenarios read, acknowledge and replay these.
  row.acceptedResults = results.filter((r) => r.status === 201);
  return row;
}

/** How far the batch of these people had got in each service at the moment of the kill. */
async function progress(ctx, nationalIds) {
  const [row] = await ctx.observer.query(
    `SELECT count(*)::int AS stored,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM routing.assignment a WHERE a.referral_id = r.id))::int AS routed,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM deadline.clock c WHERE c.referral_id = r.id))::int AS clocked,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM referral.referral_clock c WHERE c.referral_id = r.id))::int AS projected
     FROM referral.referral r WHERE r.person_national_id = ANY($1::text[])`,
    [nationalIds],
  );
  return row;
}

/** (b) One consumer service killed (SIGKILL) while it works through a batch, then restarted. */
async function killConsumer(ctx, service) {
  const base = ctx.hub.urls.gateway;
  const plan = await planSubmissions(base, 60);
  const dlqBefore = await ctx.observer.deadLetters();
  const t0 = Date.now();
  const marks = {};
  const faults = (async () => {
    await until(t0, 1500);
    marks.progress = await progress(
      ctx,
      plan.map((s) => s.nationalId),
    );
    marks.pid = ctx.hub.pid(service);
    await ctx.hub.kill(service);
    marks.killed = Date.now();
    await sleep(2000);
    marks.restarted = Date.now();
    ctx.hub.spawn(service);
    marks.newPid = ctx.hub.pid(service);
  })();
  const [results] = await Promise.all([submitAll(base, plan, { rate: 20 }), faults]);
  const recovery = await awaitRecovery(
    ctx,
    results.filter((r) => r.status === 201).map((r) => r.id),
    marks.restarted,
  );
  const p = marks.progress;
  return assess(ctx, {
    name: `b. ${service} killed mid-batch`,
    fault: `SIGKILL pid ${marks.pid} at ${secs(t0, marks.killed)} with ${p.stored} stored, ${p.routed} routed, ${p.clocked} with clocks, ${p.projected} projected of the batch; restarted at ${secs(t0, marks.restarted)} (pid ${marks.newPid})`,
    results,
    recovery,
    dlqBefore,
  });
}

/** (c) The database frozen for 10 s: SIGSTOP of the embedded postmaster and all its backends. */
async function databaseStop(ctx) {
  const base = ctx.hub.urls.gateway;
  const plan = await planSubmissions(base, 100);
  const dlqBefore = await ctx.observer.deadLetters();
  const t0 = Date.now();
  const marks = {};
  const faults = (async () => {
    await until(t0, 4000);
    marks.processes = ctx.pg.freeze();
    marks.stopped = Date.now();
    await until(t0, 14_000);
    ctx.pg.thaw();
    marks.resumed = Date.now();
  })();
  let results;
  try {
    [results] = await Promise.all([submitAll(base, plan, { rate: 5 }), faults]);
  } finally {
    ctx.pg.thaw();
  }
  const recovery = await awaitRecovery(
    ctx,
    results.filter((r) => r.status === 201).map((r) => r.id),
    marks.resumed,
  );
  const during = results.filter((r) => r.status !== 201 || r.attempts > 1 || r.ms > 2000);
  const notes = [
    `${during.length} submission(s) slowed, retried or failed; slowest ${Math.round(Math.max(...results.map((r) => r.ms)))} ms`,
  ];
  return assess(ctx, {
    name: 'c. database stopped 10 s',
    fault: `SIGSTOP of ${marks.processes} postgres processes at ${secs(t0, marks.stopped)}, SIGCONT at ${secs(t0, marks.resumed)}`,
    results,
    recovery,
    dlqBefore,
    notes,
  });
}

/** Every message on the hub's topics, read by a group of its own up to the current end. */
async function readTopics(brokers) {
  const kafka = new Kafka({ clientId: 'fault-suite-replay', brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const topics = ALL_TOPICS.filter((t) => existing.has(t));
  const ends = new Map();
  let total = 0;
  for (const t of topics) {
    for (const p of await admin.fetchTopicOffsets(t)) {
      if (Number(p.high) > Number(p.low)) {
        ends.set(`${t}/${p.partition}`, Number(p.high));
        total += Number(p.high) - Number(p.low);
      }
    }
  }
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `fault-suite-replay-${randomUUID()}` });
  const messages = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let done;
  const finished = new Promise((r) => (done = r));
  const remaining = new Map(ends);
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      messages.push({
        topic,
        partition,
        offset: Number(message.offset),
        key: message.key?.toString() ?? null,
        value: message.value,
        headers: message.headers,
      });
      const k = `${topic}/${partition}`;
      if (remaining.has(k) && Number(message.offset) + 1 >= remaining.get(k)) remaining.delete(k);
      if (remaining.size === 0) done();
    },
  });
  if (remaining.size > 0) await bounded(finished, 60_000, `reading ${total} messages back`);
  await consumer.disconnect();
  return messages;
}

/** Tables that change by time or by HTTP, not by events: compared separately or not at all. */
const NOT_EVENT_STATE =
  /^(outbox|outbox_sequence|processed_message|migrations|access_log|referral_history|clock_rung|.*idempot.*)$/;

/** A fingerprint of each service's state; replays must leave every one unchanged. */
async function fingerprint(ctx) {
  const tables = (
    await ctx.observer.query(
      `SELECT table_schema || '.' || table_name AS t, table_name AS name FROM information_schema.tables
       WHERE table_schema IN ('referral', 'routing', 'deadline') AND table_type = 'BASE TABLE' ORDER BY 1`,
    )
  ).filter((r) => !NOT_EVENT_STATE.test(r.name));
  const out = {};
  for (const { t } of tables) {
    const [r] = await ctx.observer.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(to_jsonb(x)::text, '|' ORDER BY to_jsonb(x)::text), '')) AS h FROM ${t} x`,
    );
    out[t] = `${r.n}:${r.h}`;
  }
  // History and outbox rows are appended: compare them as counts per kind. Rungs fire by time, not by events.
  for (const [label, sql] of [
    [
      'referral.referral_history',
      `SELECT action AS k, count(*)::int AS n FROM referral.referral_history GROUP BY 1`,
    ],
    [
      'outboxes',
      `SELECT 'referral ' || topic AS k, count(*)::int AS n FROM referral.outbox GROUP BY 1
       UNION ALL SELECT 'routing ' || topic, count(*)::int FROM routing.outbox GROUP BY 1
       UNION ALL SELECT 'deadline ' || topic, count(*)::int FROM deadline.outbox
         WHERE topic NOT IN ('deadline.warning-issued.v1', 'deadline.breached.v1', 'deadline.escalated.v1') GROUP BY 1`,
    ],
    ['deadline.clock_rung', `SELECT 'rungs' AS k, count(*)::int AS n FROM deadline.clock_rung`],
  ]) {
    const rows = await ctx.observer.query(sql);
    out[label] = JSON.stringify(
      Object.fromEntries(rows.sort((a, b) => a.k.localeCompare(b.k)).map((r) => [r.k, r.n])),
    );
  }
  return out;
}

/**
 * (d) Newer events first (acknowledgements, moved release dates), then copies of what the topics
 * already hold produced back onto them: once in their order, then newest first (older after newer).
 */
async function replays(ctx, earlier) {
  const base = ctx.hub.urls.gateway;
  const plan = await planSubmissions(base, 40);
  const dlqBefore = await ctx.observer.deadLetters();
  const results = await submitAll(base, plan, { rate: 10 });
  const fresh = results.filter((r) => r.status === 201);
  const pre = await awaitRecovery(
    ctx,
    fresh.map((r) => r.id),
    Date.now(),
  );
  const sample = [...earlier.slice(0, 60), ...fresh.slice(0, 40)];
  const acked = sample.slice(0, 20);
  const moved = sample.slice(20, 30);
  const stepAnswers = await pool(
    [...acked.map((r) => ['ack', r]), ...moved.map((r) => ['move', r])],
    8,
    ([kind, r]) =>
      withRetries(
        base,
        kind === 'ack'
          ? { method: 'POST', path: `/api/v1/referrals/${r.id}/acknowledge`, user: r.municipality.users[1] }
          : {
              method: 'POST',
              path: `/api/v1/referrals/${r.id}/release-date`,
              user: SENDER,
              body: { expectedReleaseDate: daysFromNow(75), reasonCode: 'postponed' },
            },
      ),
  );
  const stepFailures = stepAnswers.filter((a) => a.status !== 200);
  const settled = await awaitRecovery(
    ctx,
    sample.map((r) => r.id),
    Date.now(),
  );

  const before = await fingerprint(ctx);
  const all = await readTopics(ctx.broker.brokers);
  const keys = new Set(sample.map((r) => r.id));
  const chosen = all.filter(
    (m) =>
      keys.has(m.key) || m.topic.startsWith('consent.') || m.topic === 'routing.recipient-map-published.v1',
  );
  const kafka = new Kafka({
    clientId: 'fault-suite-replayer',
    brokers: [ctx.broker.brokers],
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const send = async (msgs) => {
    for (let i = 0; i < msgs.length; i += 200) {
      const byTopic = new Map();
      for (const m of msgs.slice(i, i + 200)) {
        if (!byTopic.has(m.topic)) byTopic.set(m.topic, []);
        byTopic.get(m.topic).push({ key: m.key, value: m.value, headers: m.headers });
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    }
  };
  // Sorted by time of publication across topics, so "newest first" is newest of the whole hub.
  const byTime = [...chosen].sort((a, b) => envelopeTime(a) - envelopeTime(b));
  await send(byTime);
  await send([...byTime].reverse());
  await producer.disconnect();
  const replayedAt = Date.now();
  const recovery = await awaitRecovery(
    ctx,
    [...sample, ...fresh].map((r) => r.id),
    replayedAt,
  );
  const after = await fingerprint(ctx);
  const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
  const failures = [];
  if (changed.length > 0) {
    failures.push(
      `replays changed ${changed.join(', ')}: ${changed
        .map((k) => `${k} ${before[k].slice(0, 120)} → ${after[k].slice(0, 120)}`)
        .join(' | ')
        .slice(0, 600)}`,
    );
  }
  if (stepFailures.length > 0)
    failures.push(
      `${stepFailures.length} acknowledgement/release-date step(s) failed before the replay: ${stepFailures[0].status} ${stepFailures[0].text?.slice(0, 200)}`,
    );
  if (!pre.recovered || !settled.recovered) failures.push('the hub had not settled before the replay');
  const perTopic = {};
  for (const m of chosen) perTopic[m.topic] = (perTopic[m.topic] ?? 0) + 2;
  return assess(ctx, {
    name: 'd. replayed and reordered events',
    fault: `${chosen.length * 2} copies of ${chosen.length} consumed envelopes (of ${all.length} on the topics) produced back, in order then newest first, after 20 acknowledgements and 10 moved release dates`,
    results,
    recovery,
    dlqBefore,
    failures,
    notes: [`copies per topic: ${JSON.stringify(perTopic)}`],
  });
}

function envelopeTime(m) {
  try {
    return Date.parse(JSON.parse(m.value.toString()).occurredAt) || 0;
  } catch {
    return 0;
  }
}

/** (e) 200 detail reads and 200 inbox reads at once, with submissions going on. */
async function readStorm(ctx, earlier) {
  const base = ctx.hub.urls.gateway;
  const plan = await planSubmissions(base, 50);
  const dlqBefore = await ctx.observer.deadLetters();
  const targets = earlier.slice(0, 200);
  const correlationIds = targets.map((_, i) => `faults-read-${i}-${randomUUID().slice(0, 8)}`);
  const inboxUsers = MUNICIPALITIES.flatMap((m) => m.users);
  const t0 = Date.now();
  const detail = targets.map((r, i) =>
    withRetries(base, {
      path: `/api/v1/referrals/${r.id}`,
      user: r.municipality.users[1],
      headers: { 'x-correlation-id': correlationIds[i] },
    }),
  );
  const inbox = Array.from({ length: 200 }, (_, i) =>
    withRetries(base, { path: '/api/v1/referrals/inbox', user: inboxUsers[i % inboxUsers.length] }),
  );
  const [results, details, inboxes] = await Promise.all([
    submitAll(base, plan, { rate: 25 }),
    Promise.all(detail),
    Promise.all(inbox),
  ]);
  const faultEnd = Date.now();
  const recovery = await awaitRecovery(
    ctx,
    results.filter((r) => r.status === 201).map((r) => r.id),
    faultEnd,
  );
  const tally = (xs) => {
    const t = {};
    for (const x of xs) t[x.status] = (t[x.status] ?? 0) + 1;
    return t;
  };
  const failures = [];
  const wrong = details.filter((d, i) => d.status === 200 && JSON.parse(d.text).id !== targets[i].id);
  if (wrong.length > 0) failures.push(`${wrong.length} detail read(s) answered another referral`);
  const logged = await ctx.observer.query(
    `SELECT correlation_id, count(*)::int AS n FROM referral.access_log WHERE correlation_id = ANY($1::text[]) GROUP BY 1`,
    [correlationIds],
  );
  const loggedBy = new Map(logged.map((l) => [l.correlation_id, l.n]));
  const unlogged = details.filter((d, i) => d.status === 200 && !loggedBy.has(correlationIds[i]));
  if (unlogged.length > 0)
    failures.push(`${unlogged.length} detail read(s) answered 200 without an access-log entry`);
  const readOther5xx = [...details, ...inboxes].filter((d) => d.status >= 500 && d.status !== 503).length;
  const notes = [
    `detail reads ${JSON.stringify(tally(details))}, p50/p99 ${JSON.stringify(percentiles(details.map((d) => d.ms)))} ms; inbox reads ${JSON.stringify(tally(inboxes))}, p50/p99 ${JSON.stringify(percentiles(inboxes.map((d) => d.ms)))} ms; all in ${secs(t0, faultEnd)}`,
    `access log: ${logged.length} of ${details.filter((d) => d.status === 200).length} answered detail reads logged (${logged.filter((l) => l.n > 1).length} logged more than once)`,
  ];
  if (readOther5xx > 0) notes.push(`${readOther5xx} read(s) answered 5xx other than 503`);
  const row = await assess(ctx, {
    name: 'e. 200 detail + 200 inbox reads at once',
    fault: `400 concurrent GETs through the gateway, with 50 submissions at 25/s`,
    results,
    recovery,
    dlqBefore,
    failures,
    notes,
  });
  row.other5xx += readOther5xx;
  if (ctx.strict5xx && readOther5xx > 0) {
    row.failures.push(`${readOther5xx} read(s) answered 5xx other than 503`);
    row.passed = false;
  }
  return row;
}

const SKEW = process.env.FAULTS_SKEW || '+10d';

/** libfaketime's relative offset ('+10d', '-2h', '+90m', '+30s', '+45') in seconds. */
function skewSeconds(skew) {
  const m = /^([+-]?\d+(?:\.\d+)?)([smhdy]?)$/.exec(skew);
  if (!m) throw new Error(`FAULTS_SKEW ${skew} is not a libfaketime offset like +10d`);
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400, y: 31536000 }[m[2]];
}

/**
 * (f) The deadline service's wall clock ahead (libfaketime: LD_PRELOAD with FAKETIME, the
 * monotonic clock left alone): due times and the warning ladder must still follow the database's
 * clock, so no rung fires and no clock breaches before its time.
 */
async function clockSkew(ctx) {
  const base = ctx.hub.urls.gateway;
  const ft = ensureFaketime(ctx.log);
  if (!ft.lib) {
    return {
      name: `f. deadline-service clock ${SKEW}`,
      fault: 'libfaketime',
      submitted: 0,
      accepted: 0,
      lost: 0,
      doubled: 0,
      recoverySeconds: null,
      passed: false,
      failures: [ft.reason],
      notes: [],
    };
  }
  const plan = await planSubmissions(base, 40);
  const dlqBefore = await ctx.observer.deadLetters();
  const [{ now: dbBefore }] = await ctx.observer.query('SELECT now()');
  await ctx.hub.stopOne('deadline-service');
  const skewed = { LD_PRELOAD: ft.lib, FAKETIME: SKEW, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
  // Proof that the skew takes: a node process under the same settings reads the shifted time.
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], {
    env: { ...process.env, ...skewed },
    encoding: 'utf8',
    timeout: 10_000,
  });
  const probedAhead = (Number(probe.stdout) - Date.now()) / 1000;
  ctx.hub.spawn('deadline-service', skewed);
  const failures = [];
  const notes = [`a node process under these settings reads the time ${Math.round(probedAhead)} s ahead`];
  if (!(Math.abs(probedAhead - skewSeconds(SKEW)) < 120))
    failures.push(
      `the skew did not take: a probe read ${probedAhead} s ahead (${probe.stderr?.slice(0, 200)})`,
    );
  try {
    await ctx.hub.health('deadline-service', 90_000);
  } catch (err) {
    failures.push(`the skewed deadline service did not start: ${err.message}`);
  }
  const results = await submitAll(base, plan, { rate: 10 });
  const ids = results.filter((r) => r.status === 201).map((r) => r.id);
  const whileSkewed = await awaitRecovery(ctx, ids, Date.now(), 45_000);
  await sleep(4000); // a few sweeps (every second here) under the skewed clock
  const early = await ctx.observer.query(
    `SELECT r.clock_id::text, r.rung_id, r.fire_at, r.fired_at, r.outcome FROM deadline.clock_rung r
     WHERE r.fired_at IS NOT NULL AND r.fire_at > now() ORDER BY r.fire_at LIMIT 5`,
  );
  const [{ n: earlyCount }] = await ctx.observer.query(
    `SELECT count(*)::int AS n FROM deadline.clock_rung WHERE fired_at IS NOT NULL AND fire_at > now()`,
  );
  const [{ n: wouldFire }] = await ctx.observer.query(
    `SELECT count(*)::int AS n FROM deadline.clock_rung r JOIN deadline.clock c ON c.id = r.clock_id
     WHERE r.fired_at IS NULL AND r.fire_at > now() AND r.fire_at <= now() + make_interval(secs => $1) AND c.status = 'open'`,
    [skewSeconds(SKEW)],
  );
  const [{ n: breachedEarly }] = await ctx.observer.query(
    `SELECT count(*)::int AS n FROM deadline.clock WHERE breached_at IS NOT NULL AND due_at > now()`,
  );
  const [stamp] = await ctx.observer.query(
    `SELECT count(*)::int AS n, max(extract(epoch FROM ((envelope->>'occurredAt')::timestamptz - created_at)))::float AS max_ahead_s
     FROM deadline.outbox WHERE created_at >= $1`,
    [dbBefore],
  );
  const [deadlineRead] = [
    await withRetries(
      base,
      { path: `/api/v1/deadlines?status=open&referralId=${ids[0]}`, user: 'coord-drammen' },
      10_000,
    ),
  ];
  if (earlyCount > 0) {
    const e = early[0];
    failures.push(
      `${earlyCount} rung(s) fired before their time by the database clock (e.g. ${e.rung_id} of clock ${e.clock_id}: due ${e.fire_at.toISOString()}, fired ${e.fired_at.toISOString()}, ${e.outcome})`,
    );
  }
  if (earlyCount === 0 && wouldFire === 0)
    failures.push(
      `vacuous: no rung falls due between the true time and the skewed time, so the skew tested nothing`,
    );
  notes.push(
    `${wouldFire} unfired rung(s) of open clocks are due before the skewed clock's time (they would fire early on the process clock); ${earlyCount} fired early`,
  );
  if (breachedEarly > 0)
    failures.push(`${breachedEarly} clock(s) marked breached before their due time by the database clock`);
  if (!whileSkewed.recovered)
    failures.push(
      `with the skewed clock the hub did not drain: ${JSON.stringify(whileSkewed.last).slice(0, 300)}`,
    );
  notes.push(
    `deadline events written under the skew: ${stamp.n}, their occurredAt up to ${stamp.max_ahead_s == null ? '—' : `${Math.round(stamp.max_ahead_s)} s`} ahead of the database's now()`,
  );
  notes.push(
    `GET /api/v1/deadlines through the gateway under the skew: ${deadlineRead.status}${deadlineRead.status === 200 ? '' : ` ${deadlineRead.text.slice(0, 150)}`}`,
  );
  const recent = ctx.hub.recent['deadline-service'].slice(-3);
  if (failures.length > 0 && recent.length > 0)
    notes.push(`deadline-service's last warnings: ${recent.join(' ‖ ').slice(0, 600)}`);

  await ctx.hub.stopOne('deadline-service');
  const restored = Date.now();
  ctx.hub.spawn('deadline-service', { LD_PRELOAD: null, FAKETIME: null, FAKETIME_DONT_FAKE_MONOTONIC: null });
  const recovery = await awaitRecovery(ctx, ids, restored);
  return assess(ctx, {
    name: `f. deadline-service clock ${SKEW}`,
    fault: `deadline-service restarted under libfaketime (${ft.lib}, FAKETIME=${SKEW}); 40 submissions; then restarted on the true clock (recovery measured from then)`,
    results,
    recovery,
    dlqBefore,
    failures,
    notes,
  });
}

module.exports = { brokerFaults, killConsumer, databaseStop, replays, readStorm, clockSkew };
