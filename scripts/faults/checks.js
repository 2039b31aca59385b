'use strict';
// What the fault suite checks after each fault, read straight from each service's schema and
// from the broker: every accepted referral routed once with exactly its clocks, the same holder in
// all three services, nothing stored for a refused request, no backlog, every service healthy.
require('../register-paths');
const path = require('path');
const { Pool } = require('pg');
const { Kafka, logLevel } = require('kafkajs');
const { ALL_TOPICS, dlqTopic } = require('@overgang/contracts');
const { DEVELOPMENT_DATA_KEYS, FieldCipher, parseKeyRing } = require('@overgang/crypto');

const ROOT = path.join(__dirname, '..', '..');
// The clocks a referral must have come from the deadline service's own catalogue, not a copy.
const { policiesFor, appliesToUnit } = require(
  path.join(ROOT, 'dist', 'apps', 'deadline-service', 'src', 'deadline', 'domain', 'policy-catalogue.js'),
);

const GROUPS = ['referral-service', 'routing-service', 'deadline-service'];
const SCHEMAS = ['referral', 'routing', 'deadline'];

function bounded(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

/** National IDs are stored sealed; the services (run here with the development keys) find them by person key. */
const devCipher = new FieldCipher(parseKeyRing(DEVELOPMENT_DATA_KEYS));
function personKeys(nationalIds) {
  const byKey = new Map(nationalIds.map((n) => [devCipher.personKey(n), n]));
  return { byKey, keys: [...byKey.keys()] };
}

class Observer {
  constructor({ databaseUrl, brokers }) {
    this.db = new Pool({
      connectionString: databaseUrl,
      max: 3,
      connectionTimeoutMillis: 3000,
      statement_timeout: 15_000,
      query_timeout: 20_000,
      application_name: 'fault-suite',
    });
    this.db.on('error', () => {}); // an idle client cut off by a frozen or killed server
    this.brokers = brokers;
    this.admin = null;
    this.unitKinds = null;
  }

  query(sql, params) {
    return this.db.query(sql, params).then((r) => r.rows);
  }

  async kafkaAdmin() {
    if (!this.admin) {
      const admin = new Kafka({
        clientId: 'fault-suite',
        brokers: [this.brokers],
        logLevel: logLevel.NOTHING,
        connectionTimeout: 1000,
        requestTimeout: 4000,
        retry: { retries: 1 },
      }).admin();
      await bounded(admin.connect(), 5000, 'connecting to Kafka');
      this.admin = admin;
    }
    return this.admin;
  }

  async withAdmin(fn, what) {
    try {
      return await bounded(fn(await this.kafkaAdmin()), 8000, what);
    } catch (err) {
      // A restarted broker: start over with a fresh connection next time.
      await this.admin?.disconnect().catch(() => {});
      this.admin = null;
      throw err;
    }
  }

  /** Messages not yet consumed, per consumer group, over every partition the group has committed. */
  async lag() {
    return this.withAdmin(async (admin) => {
      const out = {};
      for (const groupId of GROUPS) {
        let lag = 0;
        for (const t of await admin.fetchOffsets({ groupId })) {
          const ends = new Map((await admin.fetchTopicOffsets(t.topic)).map((p) => [p.partition, p]));
          for (const p of t.partitions) {
            const end = ends.get(p.partition);
            if (!end) continue;
            const committed = Number(p.offset);
            lag +=
              committed < 0 ? Number(end.high) - Number(end.low) : Math.max(0, Number(end.high) - committed);
          }
        }
        out[groupId] = lag;
      }
      return out;
    }, 'reading consumer lag');
  }

  /** How many messages all dead-letter topics hold. */
  async deadLetters() {
    return this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics());
      let total = 0;
      const perTopic = {};
      for (const topic of ALL_TOPICS.map(dlqTopic).filter((t) => existing.has(t))) {
        const n = (await admin.fetchTopicOffsets(topic)).reduce(
          (s, p) => s + Number(p.high) - Number(p.low),
          0,
        );
        if (n > 0) perTopic[topic] = n;
        total += n;
      }
      return { total, perTopic };
    }, 'counting dead letters');
  }

  async unpublished() {
    const out = {};
    for (const s of SCHEMAS) {
      out[s] = (
        await this.query(`SELECT count(*)::int AS n FROM ${s}.outbox WHERE published_at IS NULL`)
      )[0].n;
    }
    return out;
  }

  async kinds() {
    if (!this.unitKinds) {
      this.unitKinds = new Map(
        (await this.query('SELECT id, kind FROM routing.unit')).map((u) => [u.id, u.kind]),
      );
    }
    return this.unitKinds;
  }

  /**
   * For each referral id: what is missing (lost, or not there yet) and what is there twice. Routed
   * once = one routing.referral-routed.v1 in the routing outbox and one 'routed' step in the history.
   */
  async examine(ids) {
    if (ids.length === 0) return { complete: [], incomplete: [], doubled: [] };
    const kinds = await this.kinds();
    const counts = await this.query(
      `SELECT i.id::text AS id, r.type, r.anchor_date, r.status,
        (SELECT count(*)::int FROM referral.referral x WHERE x.id = i.id) AS referral_rows,
        (SELECT count(*)::int FROM routing.outbox o WHERE o.topic = 'routing.referral-routed.v1' AND o.key = i.id::text) AS routed_events,
        (SELECT count(*)::int FROM referral.referral_history h WHERE h.referral_id = i.id AND h.action = 'routed') AS routed_steps,
        (SELECT count(*)::int FROM deadline.outbox o WHERE o.topic = 'deadline.opened.v1' AND o.key = i.id::text) AS opened_events
       FROM unnest($1::uuid[]) AS i(id) LEFT JOIN referral.referral r ON r.id = i.id`,
      [ids],
    );
    const grouped = async (sql) => {
      const map = new Map();
      for (const row of await this.query(sql, [ids])) {
        if (!map.has(row.referral_id)) map.set(row.referral_id, []);
        map.get(row.referral_id).push(row);
      }
      return map;
    };
    const assignments = await grouped(
      `SELECT referral_id::text, unit_id, contact_person_id FROM routing.assignment WHERE referral_id = ANY($1::uuid[])`,
    );
    const recipients = await grouped(
      `SELECT referral_id::text, unit_id, contact_person_id FROM referral.referral_recipient WHERE referral_id = ANY($1::uuid[])`,
    );
    const clocks = await grouped(
      `SELECT referral_id::text, id::text, recipient_unit_id AS unit_id, kind, status, holder_contact_person_id
       FROM deadline.clock WHERE referral_id = ANY($1::uuid[])`,
    );
    const projected = await grouped(
      `SELECT referral_id::text, clock_id::text AS id, unit_id, kind, status FROM referral.referral_clock WHERE referral_id = ANY($1::uuid[])`,
    );
    const result = { complete: [], incomplete: [], doubled: [], mismatched: [] };
    for (const c of counts) {
      const missing = [];
      const twice = [];
      const differ = [];
      if (c.referral_rows === 0) missing.push('no referral row');
      if (c.routed_events === 0) missing.push('not routed');
      if (c.routed_events > 1) twice.push(`${c.routed_events} routed events`);
      if (c.routed_steps > 1) twice.push(`${c.routed_steps} routed steps in its history`);
      if (c.referral_rows > 0 && c.routed_events > 0 && c.routed_steps === 0)
        missing.push('routing not projected');
      const a = assignments.get(c.id) ?? [];
      const rr = new Map((recipients.get(c.id) ?? []).map((x) => [x.unit_id, x]));
      const cl = clocks.get(c.id) ?? [];
      const pr = new Map((projected.get(c.id) ?? []).map((x) => [x.id, x]));
      if (c.routed_events > 0 && a.length === 0) missing.push('no assignment');
      const expected = new Set();
      for (const asg of a) {
        const kind = kinds.get(asg.unit_id);
        for (const p of policiesFor(c.type ?? 'release-notice')) {
          if (!appliesToUnit(p, kind)) continue;
          if (p.length.unit === 'working-days-before-anchor' && !c.anchor_date) continue;
          expected.add(`${asg.unit_id}/${p.kind}`);
        }
        const rec = rr.get(asg.unit_id);
        if (!rec) missing.push(`recipient ${asg.unit_id} not projected`);
        else if (rec.contact_person_id !== asg.contact_person_id)
          differ.push(
            `${asg.unit_id}: referral holder ${rec.contact_person_id} ≠ routing ${asg.contact_person_id}`,
          );
        for (const k of cl.filter((x) => x.unit_id === asg.unit_id)) {
          if (k.holder_contact_person_id !== asg.contact_person_id)
            differ.push(
              `${asg.unit_id}/${k.kind}: clock holder ${k.holder_contact_person_id} ≠ routing ${asg.contact_person_id}`,
            );
        }
      }
      const have = cl.map((k) => `${k.unit_id}/${k.kind}`);
      for (const e of expected) if (!have.includes(e)) missing.push(`clock ${e}`);
      for (const h of new Set(have)) {
        const n = have.filter((x) => x === h).length;
        if (n > 1) twice.push(`${n} clocks ${h}`);
        if (!expected.has(h) && a.length > 0) twice.push(`unexpected clock ${h}`);
      }
      if (c.opened_events > cl.length)
        twice.push(`${c.opened_events} deadline.opened events for ${cl.length} clocks`);
      for (const k of cl) {
        const p = pr.get(k.id);
        if (!p) missing.push(`clock ${k.unit_id}/${k.kind} not projected`);
        else if (p.status !== k.status)
          differ.push(`clock ${k.unit_id}/${k.kind}: referral sees ${p.status}, deadline ${k.status}`);
      }
      if (twice.length > 0) result.doubled.push({ id: c.id, why: twice });
      if (missing.length > 0 || differ.length > 0)
        result.incomplete.push({ id: c.id, why: [...missing, ...differ] });
      else result.complete.push(c.id);
      if (differ.length > 0 && missing.length === 0) result.mismatched.push({ id: c.id, why: differ });
    }
    return result;
  }

  /** People (by national ID) with more than one referral. */
  async doubledPeople(nationalIds) {
    if (nationalIds.length === 0) return [];
    const { byKey, keys } = personKeys(nationalIds);
    const rows = await this.query(
      `SELECT person_key, count(*)::int AS n FROM referral.referral
       WHERE person_key = ANY($1::text[]) GROUP BY 1 HAVING count(*) > 1`,
      [keys],
    );
    return rows.map((r) => ({ nationalId: byKey.get(r.person_key), n: r.n }));
  }

  /** Referral ids stored for these people. */
  async storedFor(nationalIds) {
    if (nationalIds.length === 0) return [];
    const { byKey, keys } = personKeys(nationalIds);
    const rows = await this.query(
      `SELECT id::text, person_key FROM referral.referral WHERE person_key = ANY($1::text[])`,
      [keys],
    );
    return rows.map((r) => ({ id: r.id, nationalId: byKey.get(r.person_key) }));
  }

  async allReferralIds() {
    return (await this.query('SELECT id::text FROM referral.referral')).map((r) => r.id);
  }

  async close() {
    await this.admin?.disconnect().catch(() => {});
    await this.db.end().catch(() => {});
  }
}

/** Every service and the gateway answer /health with 200 (each asked with a 2 s bound). */
async function allHealthy(urls) {
  const states = await Promise.all(
    Object.entries(urls).map(async ([name, base]) => {
      try {
        const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
        await res.body?.cancel();
        return [name, res.status];
      } catch {
        return [name, 0];
      }
    }),
  );
  return { ok: states.every(([, s]) => s === 200), states: Object.fromEntries(states) };
}

module.exports = { Observer, allHealthy, bounded };
